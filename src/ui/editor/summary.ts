/**
 * One line saying how a Validate or Apply went, for the editor's status (read out by screen
 * readers): what the apiserver accepted, or how many problems it found.
 */
import type { ApplyOutcome } from './apply-output';

/** The line for a finished run. */
export function runSummary(action: 'validate' | 'apply', code: number, outcome: ApplyOutcome): string {
  const objects = outcome.results.map((r) => `${r.resource}/${r.name} ${r.verb}`).join(', ');
  const errors = outcome.problems.filter((p) => p.severity === 'error').length;
  const warnings = outcome.problems.length - errors;
  const counted = [
    errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ]
    .filter((s) => s !== '')
    .join(' and ');
  if (code === 0) {
    const verb = action === 'validate' ? 'Dry run passed' : 'Applied';
    const head = objects === '' ? verb : `${verb}: ${objects}`;
    return counted === '' ? `${head}.` : `${head}, with ${counted}.`;
  }
  if (counted === '') return `kubectl exited with code ${code}.`;
  const refused = action === 'validate' ? 'The dry run failed' : 'Apply failed';
  const accepted = objects === '' ? '' : ` Went through: ${objects}.`;
  return `${refused}: ${counted}, underlined in the text.${accepted}`;
}
