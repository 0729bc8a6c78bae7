import { describe, expect, it } from 'vitest';
import { description, marker, markers } from './comments';

describe('description', () => {
  it.each<[string, string[], string]>([
    [
      'joins the lines of a paragraph with spaces',
      ['Number of pods.', 'Defaults to 1.'],
      'Number of pods. Defaults to 1.',
    ],
    ['separates paragraphs with a blank line', ['One.', '', 'Two.'], 'One.\n\nTwo.'],
    [
      'leaves out markers and one-line TODOs',
      ['Size.', '+optional', '+listType=atomic', 'TODO: later', 'More.'],
      'Size. More.',
    ],
    ['stops at a --- line', ['Shown.', '---', 'Hidden.'], 'Shown.'],
    [
      'keeps indented lines on lines of their own',
      ['Example:', '\tcode here', '\tmore code', 'After.'],
      'Example:\n\tcode here\n\tmore code\nAfter.',
    ],
    [
      'an indented block after a blank line',
      ['Intro.', '', '\tblock', '', 'Outro.'],
      'Intro.\n\n\tblock\n\nOutro.',
    ],
    ['turns \\" into "', ['Say \\"hi\\".'], 'Say "hi".'],
    ['trims trailing spaces and surrounding blank lines', ['', 'Text.  ', ''], 'Text.'],
    ['is empty for a comment of markers only', ['+genclient', '+k8s:deepcopy-gen=true'], ''],
  ])('%s', (_name, lines, expected) => {
    expect(description(lines)).toBe(expected);
  });
});

describe('markers', () => {
  const lines = [
    'Ports of the container.',
    '+optional',
    '+patchMergeKey=containerPort',
    '  +listType=map',
    '+listMapKey=containerPort',
    '+listMapKey=protocol',
    '+default="TCP"',
  ];

  it('maps each key to its values in order', () => {
    expect(Object.fromEntries(markers(lines))).toEqual({
      optional: [''],
      patchMergeKey: ['containerPort'],
      listType: ['map'],
      listMapKey: ['containerPort', 'protocol'],
      default: ['"TCP"'],
    });
  });

  it('gives the first value of one marker', () => {
    expect(marker(lines, 'listMapKey')).toBe('containerPort');
    expect(marker(lines, 'optional')).toBe('');
    expect(marker(lines, 'mapType')).toBeUndefined();
  });
});
