/**
 * The comparisons of jsonpath filters (`[?(@.x<3)]`), which client-go takes from Go's
 * text/template: both sides must be a bool, an integer, a float or a string, of the same
 * kind (`1` and `1.0` do not compare), and only numbers and strings are ordered.
 */
import { GoFloat, compareGoStrings, isGoInt } from '../gofmt';

type Kind = 'bool' | 'int' | 'float' | 'string';

const BAD_TYPE = 'invalid type for comparison';
const INCOMPATIBLE = 'incompatible types for comparison';

function kindOf(v: unknown): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'number') return isGoInt(v) ? 'int' : 'float';
  throw new Error(BAD_TYPE);
}

const scalar = (v: unknown): number | string | boolean => (v instanceof GoFloat ? v.value : (v as number));

function equal(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  if (ka !== kindOf(b)) throw new Error(INCOMPATIBLE);
  return scalar(a) === scalar(b);
}

function less(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  if (ka !== kindOf(b)) throw new Error(INCOMPATIBLE);
  if (ka === 'bool') throw new Error(BAD_TYPE);
  if (ka === 'string') return compareGoStrings(a as string, b as string) < 0;
  return (scalar(a) as number) < (scalar(b) as number);
}

/**
 * Applies a filter operator. Throws Go's error for values that cannot be compared, and
 * `unrecognized filter operator <op>` for anything but == != < > <= >=.
 */
export function compareValues(operator: string, left: unknown, right: unknown): boolean {
  switch (operator) {
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
    case '<':
      return less(left, right);
    case '<=':
      return less(left, right) || equal(left, right);
    case '>':
      return !(less(left, right) || equal(left, right));
    case '>=':
      return !less(left, right);
    default:
      throw new Error(`unrecognized filter operator ${operator}`);
  }
}
