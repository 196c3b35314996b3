// Small form and page building blocks on NL Design System (Utrecht) classes. Forms never rely on
// native HTML5 validation messages (novalidate); errors come back from the server in an error
// summary at the top that links to each field.
import type { ComponentChildren } from 'preact';
import type { Translate } from '../../modules/i18n/index.ts';

export interface FieldError {
  /** The id of the field (or fieldset, or form) the message is about; '' when it is about none on the page. */
  field: string;
  message: string;
}

/**
 * The error summary at the top of a form (NL Design System alert): a heading, then every message as a
 * link to its field (`#<field id>`); a message that is about no field on the page is shown as text.
 * It takes focus when the page loads (autofocus, so without JavaScript too) and is announced.
 */
/**
 * Data that is Dutch whatever the page's language (a round's name, a CBS category, an organisation's
 * own words): marked lang="nl" so a screen reader on an English page reads it in Dutch (issue 20).
 */
export function Dutch({ children }: { children: ComponentChildren }) {
  return <span lang="nl">{children}</span>;
}

export function ErrorSummary({ errors, t }: { errors: FieldError[]; t: Translate }) {
  if (errors.length === 0) return null;
  return (
    <div
      class="utrecht-alert utrecht-alert--error ggk-error-summary"
      role="alert"
      tabIndex={-1}
      id="foutmeldingen"
      aria-labelledby="foutmeldingen-titel"
      autofocus
      data-testid="error-summary"
    >
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          <h2 class="utrecht-heading-2" id="foutmeldingen-titel">
            {t('common.errorSummary.title')}
          </h2>
          <ul class="utrecht-unordered-list">
            {errors.map((e) => (
              <li class="utrecht-unordered-list__item" key={e.field + e.message}>
                {e.field ? (
                  <a class="utrecht-link utrecht-link--html-a" href={`#${e.field}`}>
                    {e.message}
                  </a>
                ) : (
                  e.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <script type="module" src="/assets/error-summary.js"></script>
    </div>
  );
}

/** The parts every field shares: its error (if any), the ids that describe it, the invalid class. */
function fieldState(id: string, errors: FieldError[] | undefined, description: boolean) {
  const error = errors?.find((e) => e.field === id);
  const describedBy = [description ? `${id}-uitleg` : '', error ? `${id}-fout` : '']
    .filter(Boolean)
    .join(' ');
  return { error, describedBy: describedBy || undefined };
}

function FieldDescription({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <div class="utrecht-form-field-description" id={`${id}-uitleg`}>
      {children}
    </div>
  );
}

function FieldErrorMessage({ id, error }: { id: string; error: FieldError | undefined }) {
  if (!error) return null;
  return (
    <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
      {error.message}
    </div>
  );
}

/** The error message of a field built by hand (e.g. a select in a table row); nothing without an error. */
export function FieldErrorText({ id, errors }: { id: string; errors?: FieldError[] | undefined }) {
  return <FieldErrorMessage id={id} error={errors?.find((e) => e.field === id)} />;
}

/** aria-invalid and aria-describedby for a field built by hand, pointing at its FieldErrorText. */
export function invalidAttributes(id: string, errors?: FieldError[] | undefined) {
  return errors?.some((e) => e.field === id)
    ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-fout` }
    : {};
}

export function Notice({
  children,
  kind = 'info',
}: {
  children: ComponentChildren;
  kind?: 'info' | 'ok' | 'warning';
}) {
  const modifier =
    kind === 'ok'
      ? 'utrecht-alert--ok'
      : kind === 'warning'
        ? 'utrecht-alert--warning'
        : 'utrecht-alert--info';
  return (
    <div class={`utrecht-alert ${modifier}`} role="status">
      <p class="utrecht-paragraph">{children}</p>
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The frame of a field with one control: label, hint, error message, then the control itself. */
function FieldFrame(props: {
  id: string;
  label: string;
  description?: string | undefined;
  error: FieldError | undefined;
  modifier?: 'text' | 'textarea';
  children: ComponentChildren;
}) {
  const modifier = props.modifier ? ` utrecht-form-field--${props.modifier}` : '';
  return (
    <div class={`utrecht-form-field${modifier}${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.id}>
          {props.label}
        </label>
      </div>
      {props.description && <FieldDescription id={props.id}>{props.description}</FieldDescription>}
      <FieldErrorMessage id={props.id} error={props.error} />
      <div class="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}

export function TextField(props: {
  id: string;
  label: string;
  value?: string;
  type?: 'text' | 'email' | 'number' | 'date';
  description?: string;
  errors?: FieldError[];
  autocomplete?: string;
}) {
  const { error, describedBy } = fieldState(props.id, props.errors, Boolean(props.description));
  return (
    <FieldFrame
      id={props.id}
      label={props.label}
      description={props.description}
      error={error}
      modifier="text"
    >
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        autocomplete={props.autocomplete}
      />
    </FieldFrame>
  );
}

/** A multi-line text field; `description` is the hint under the label (e.g. how many characters fit). */
export function TextAreaField(props: {
  id: string;
  label: string;
  value?: string;
  description?: string;
  errors?: FieldError[];
  rows?: number;
}) {
  const { error, describedBy } = fieldState(props.id, props.errors, Boolean(props.description));
  return (
    <FieldFrame
      id={props.id}
      label={props.label}
      description={props.description}
      error={error}
      modifier="textarea"
    >
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
        id={props.id}
        name={props.id}
        rows={props.rows ?? 5}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(props: {
  id: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  value?: string;
  description?: string;
  errors?: FieldError[];
  placeholder?: string;
}) {
  const { error, describedBy } = fieldState(props.id, props.errors, Boolean(props.description));
  return (
    <FieldFrame id={props.id} label={props.label} description={props.description} error={error}>
      <select
        class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
        id={props.id}
        name={props.id}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * A group of checkboxes or radio buttons in a fieldset; the fieldset carries the field's id (the error
 * summary links to it), the invalid class and aria-describedby. Each option's id is `<id>-<value>`.
 */
function ChoiceGroup(props: {
  kind: 'checkbox' | 'radio';
  id: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  checked: readonly string[];
  description?: string | undefined;
  errors?: FieldError[] | undefined;
  class?: string | undefined;
}) {
  const { error, describedBy } = fieldState(props.id, props.errors, Boolean(props.description));
  const input =
    props.kind === 'checkbox'
      ? 'utrecht-checkbox utrecht-checkbox--html-input'
      : 'utrecht-radio-button utrecht-radio-button--html-input';
  return (
    <fieldset
      class={`utrecht-form-fieldset${props.class ? ` ${props.class}` : ''}${error ? ' utrecht-form-fieldset--invalid' : ''}`}
      id={props.id}
      aria-describedby={describedBy}
    >
      <legend class="utrecht-form-fieldset__legend">{props.legend}</legend>
      {props.description && <FieldDescription id={props.id}>{props.description}</FieldDescription>}
      <FieldErrorMessage id={props.id} error={error} />
      {props.options.map((o) => (
        <div class={`utrecht-form-field utrecht-form-field--${props.kind}`} key={o.value}>
          <input
            class={`${input}${error ? ` ${props.kind === 'checkbox' ? 'utrecht-checkbox' : 'utrecht-radio-button'}--invalid` : ''}`}
            type={props.kind}
            id={`${props.id}-${o.value}`}
            name={props.id}
            value={o.value}
            checked={props.checked.includes(o.value)}
          />
          <label
            class={`utrecht-form-label utrecht-form-label--${props.kind}`}
            for={`${props.id}-${o.value}`}
          >
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function CheckboxGroup(props: {
  id: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  checked?: readonly string[];
  description?: string;
  errors?: FieldError[];
}) {
  return <ChoiceGroup kind="checkbox" {...props} checked={props.checked ?? []} />;
}

/** One choice out of several (radio buttons), e.g. a rating of 1 to 5. */
export function RadioGroup(props: {
  id: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value?: string | undefined;
  description?: string;
  errors?: FieldError[];
  class?: string;
}) {
  const { value, ...rest } = props;
  return <ChoiceGroup kind="radio" {...rest} checked={value === undefined ? [] : [value]} />;
}

export function Button({
  children,
  variant = 'primary',
  name,
  value,
}: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'subtle';
  name?: string;
  value?: string;
}) {
  return (
    <button
      class={`utrecht-button utrecht-button--${variant === 'primary' ? 'primary-action' : variant === 'secondary' ? 'secondary-action' : 'subtle'}`}
      type="submit"
      name={name}
      value={value}
    >
      {children}
    </button>
  );
}

/** A form that posts to ggk with its CSRF token; native validation is off (errors come from the server). */
export function PostForm({
  action,
  csrf,
  children,
  label,
  id,
}: {
  action: string;
  csrf: string;
  children: ComponentChildren;
  label?: string;
  /** So that the error summary can link to the form when a message is about no single field. */
  id?: string;
}) {
  return (
    <form method="post" action={action} novalidate class="ggk-form" aria-label={label} id={id}>
      <CsrfField token={csrf} />
      {children}
    </form>
  );
}

export interface TableColumn<R> {
  header: ComponentChildren;
  cell: (row: R) => ComponentChildren;
  /** The cell names its row (th scope="row"), e.g. a receipt number or a name. */
  rowHeader?: boolean;
}

/**
 * The one data table: an NL Design System table with a caption, column headers with scope, and a
 * wrapper that scrolls sideways on narrow screens and can then be reached with the keyboard.
 */
export function Table<R>({
  caption,
  columns,
  rows,
  rowKey,
  testId,
}: {
  caption: string;
  columns: Array<TableColumn<R>>;
  rows: readonly R[];
  rowKey: (row: R, index: number) => string;
  testId?: string;
}) {
  return (
    <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={caption}>
      <table class="utrecht-table" data-testid={testId}>
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {columns.map((c, i) => (
              <th class="utrecht-table__header-cell" scope="col" key={i}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((row, r) => (
            <tr class="utrecht-table__row" key={rowKey(row, r)}>
              {columns.map((c, i) =>
                c.rowHeader ? (
                  <th class="utrecht-table__header-cell" scope="row" key={i}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td class="utrecht-table__cell" key={i}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
