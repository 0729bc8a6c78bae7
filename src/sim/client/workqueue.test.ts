import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import { BucketRateLimiter, ExponentialRateLimiter, MaxOfRateLimiter } from './ratelimit';
import { WorkQueue } from './workqueue';

const kernel = () => new Kernel({ seed: 1, epoch: 0 });

describe('WorkQueue', () => {
  it('collapses adds of an item that is already waiting', () => {
    const q = new WorkQueue(kernel(), 'test');
    q.add('a');
    q.add('b');
    q.add('a');
    expect(q.length).toBe(2);
    expect(q.get()?.item).toBe('a');
    expect(q.get()?.item).toBe('b');
    expect(q.get()).toBeUndefined();
  });

  it('never hands out an item that is being processed; re-adds it when done', () => {
    const q = new WorkQueue(kernel(), 'test');
    q.add('a');
    const first = q.get();
    q.add('a');
    expect(q.length).toBe(0);
    expect(q.get()).toBeUndefined();
    q.done(first?.item ?? '');
    expect(q.get()?.item).toBe('a');
  });

  it('remembers the latest cause of each item', () => {
    const q = new WorkQueue(kernel(), 'test');
    q.add('a', 3);
    q.add('a', 7);
    expect(q.get()).toEqual({ item: 'a', cause: 7 });
  });

  it('delays adds on the virtual clock; the earliest pending add wins', () => {
    const k = kernel();
    const q = new WorkQueue(k, 'test');
    q.addAfter('a', 1000);
    q.addAfter('a', 500);
    q.addAfter('a', 2000);
    k.runUntil(499);
    expect(q.length).toBe(0);
    k.runUntil(500);
    expect(q.length).toBe(1);
    k.runUntil(5000);
    expect(q.length).toBe(1);
  });

  it('retries with exponential backoff until forgotten', () => {
    const k = kernel();
    const q = new WorkQueue(k, 'test', new ExponentialRateLimiter(5, 1000));
    const times: number[] = [];
    q.onReady(() => times.push(k.clock.now()));
    for (let i = 0; i < 4; i++) {
      q.addRateLimited('a');
      k.runUntilIdle();
      q.done(q.get()?.item ?? '');
    }
    expect(times).toEqual([5, 15, 35, 75]);
    expect(q.retries('a')).toBe(4);
    q.forget('a');
    expect(q.retries('a')).toBe(0);
  });
});

describe('rate limiters', () => {
  it.each([
    [0, 5],
    [1, 10],
    [8, 1280],
    [30, 1000_000],
  ])('after %i failures the exponential limiter waits %i ms', (failures, wait) => {
    const l = new ExponentialRateLimiter(5, 1000_000);
    for (let i = 0; i < failures; i++) l.when('x');
    expect(l.when('x')).toBe(wait);
  });

  it('the bucket allows a burst, then paces at qps', () => {
    const l = new BucketRateLimiter(10, 3);
    expect([l.when('a', 0), l.when('b', 0), l.when('c', 0)]).toEqual([0, 0, 0]);
    expect(l.when('d', 0)).toBeCloseTo(100);
    expect(l.when('e', 1000)).toBe(0);
  });

  it('the combined limiter takes the longest wait', () => {
    const l = new MaxOfRateLimiter(new ExponentialRateLimiter(5, 1000), new BucketRateLimiter(10, 1));
    expect(l.when('a', 0)).toBe(5);
    expect(l.when('a', 0)).toBeCloseTo(100);
  });
});
