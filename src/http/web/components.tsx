// Small form and page building blocks on NL Design System (Utrecht) classes. Forms never rely on
// native HTML5 validation messages (novalidate); errors come back from the server in an error
// summary at the top that links to each field.
import type { ComponentChildren } from 'preact';
import { translator, type Translate } from '../../modules/i18n/index.ts';

export interface FieldError {
  field: string;
  message: string;
}

/** The error summary at the top of a form: each message links to its field (see form-errors.ts). */
export function ErrorSummary({ errors, t = translator('nl') }: { errors: FieldError[]; t?: Translate }) {
  if (errors.length === 0) return null;
  return (
    <div
      class="utrecht-alert utrecht-alert--error ggk-error-summary"
      role="alert"
      tabIndex={-1}
      id="foutmeldingen"
    >
      <h2 class="utrecht-heading-2">{t('common.errorSummary.title')}</h2>
      <ul class="utrecht-unordered-list">
        {errors.map((e) => (
          <li class="utrecht-unordered-list__item" key={e.field + e.message}>
            <a class="utrecht-link utrecht-link--html-a" href={`#${e.field}`}>
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
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

export function TextField(props: {
  id: string;
  label: string;
  value?: string;
  type?: 'text' | 'email' | 'number' | 'date';
  description?: string;
  errors?: FieldError[];
  autocomplete?: string;
}) {
  const error = props.errors?.find((e) => e.field === props.id);
  const describedBy = [props.description ? `${props.id}-uitleg` : '', error ? `${props.id}-fout` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.id}>
          {props.label}
        </label>
      </div>
      {props.description && (
        <div class="utrecht-form-field-description" id={`${props.id}-uitleg`}>
          {props.description}
        </div>
      )}
      {error && (
        <div class="utrecht-form-field-error-message" id={`${props.id}-fout`}>
          {error.message}
        </div>
      )}
      <div class="utrecht-form-field__input">
        <input
          class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
          id={props.id}
          name={props.id}
          type={props.type ?? 'text'}
          value={props.value ?? ''}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
          autocomplete={props.autocomplete}
        />
      </div>
    </div>
  );
}

export function SelectField(props: {
  id: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  value?: string;
  errors?: FieldError[];
  placeholder?: string;
}) {
  const error = props.errors?.find((e) => e.field === props.id);
  return (
    <div class={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.id}>
          {props.label}
        </label>
      </div>
      {error && (
        <div class="utrecht-form-field-error-message" id={`${props.id}-fout`}>
          {error.message}
        </div>
      )}
      <div class="utrecht-form-field__input">
        <select
          class="utrecht-select utrecht-select--html-select"
          id={props.id}
          name={props.id}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${props.id}-fout` : undefined}
        >
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === props.value} key={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function CheckboxGroup(props: {
  id: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  checked?: readonly string[];
  errors?: FieldError[];
}) {
  const error = props.errors?.find((e) => e.field === props.id);
  return (
    <fieldset
      class="utrecht-form-fieldset"
      id={props.id}
      aria-describedby={error ? `${props.id}-fout` : undefined}
    >
      <legend class="utrecht-form-fieldset__legend">{props.legend}</legend>
      {error && (
        <div class="utrecht-form-field-error-message" id={`${props.id}-fout`}>
          {error.message}
        </div>
      )}
      {props.options.map((o) => (
        <div class="utrecht-form-field utrecht-form-field--checkbox" key={o.value}>
          <input
            class="utrecht-checkbox utrecht-checkbox--html-input"
            type="checkbox"
            id={`${props.id}-${o.value}`}
            name={props.id}
            value={o.value}
            checked={props.checked?.includes(o.value)}
          />
          <label class="utrecht-form-label utrecht-form-label--checkbox" for={`${props.id}-${o.value}`}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
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
}: {
  action: string;
  csrf: string;
  children: ComponentChildren;
  label?: string;
}) {
  return (
    <form method="post" action={action} novalidate class="ggk-form" aria-label={label}>
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
