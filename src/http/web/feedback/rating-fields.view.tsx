// The fields the feedback form and the evaluation share: a rating 1–5 and a comment.
import { MAX_FEEDBACK_CHARS } from '../../../modules/monitoring/index.ts';
import { RadioGroup, TextAreaField, type FieldError } from '../components.tsx';
import type { PageContext } from '../page-context.ts';
import { ratingLabel } from './shared.ts';

/** A rating of 1 to 5, each with its label ("1 (slecht)" … "5 (uitstekend)"). */
export function RatingField(props: {
  ctx: PageContext;
  id: string;
  legend: string;
  value?: string | undefined;
  errors: FieldError[];
}) {
  return (
    <RadioGroup
      id={props.id}
      legend={props.legend}
      class="ggk-rating"
      options={[1, 2, 3, 4, 5].map((n) => ({
        value: String(n),
        label: `${n} (${ratingLabel(props.ctx, n)})`,
      }))}
      value={props.value}
      errors={props.errors}
    />
  );
}

export function CommentField(props: {
  ctx: PageContext;
  id: string;
  label: string;
  value?: string | undefined;
  errors: FieldError[];
}) {
  return (
    <TextAreaField
      id={props.id}
      label={props.label}
      description={props.ctx.t('feedback.textHint', { max: MAX_FEEDBACK_CHARS })}
      value={props.value ?? ''}
      errors={props.errors}
    />
  );
}
