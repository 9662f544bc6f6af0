/** What went wrong with one field of a form, shown beside that field ('form': the whole request). */
export interface FieldProblem<F extends string> {
  field: F | 'form';
  text: string;
}

const problemId = (form: string, field: string) => `${form}-${field}-problem`;

/** The field's attributes while the problem is about it: invalid, described by the problem. */
export function problemProps<F extends string>(
  problem: FieldProblem<F> | null,
  form: string,
  field: F,
) {
  return problem?.field === field
    ? { 'aria-invalid': true, 'aria-describedby': problemId(form, field) }
    : {};
}

interface ProblemTextProps<F extends string> {
  problem: FieldProblem<F> | null;
  form: string;
  field: F | 'form';
}

/** The problem's text, put right after the field it is about; said at once to screen readers. */
export function ProblemText<F extends string>({ problem, form, field }: ProblemTextProps<F>) {
  if (problem?.field !== field) return null;
  return (
    <p id={problemId(form, field)} role="alert" class="problem">
      {problem.text}
    </p>
  );
}
