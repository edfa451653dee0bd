import {Field as BaseField, type FieldProps as BaseFieldProps} from '../Field';

/** FieldProps are the props of Field. */
export type FieldProps = Omit<BaseFieldProps, 'block' | 'errorTestId'>;

/**
 * Field is a connection form's labelled control (see components/Field); its
 * error's test id is "field-error-<id without its form prefix>".
 */
export function Field(props: FieldProps) {
  return <BaseField {...props} block="field" />;
}
