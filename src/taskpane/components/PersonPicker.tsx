import { Field, Select } from '@fluentui/react-components';
import { displayName } from '../../core/rules/present';
import type { Plan } from '../../core/plan/plan';
import type { Role } from '../../core/plan/schema';
import { useI18n } from '../state/i18nContext';

export interface PersonPickerProps {
  readonly plan: Plan;
  /** roles to offer */
  readonly roles: readonly Role[];
  /** chosen person id, '' for none */
  readonly value: string;
  readonly onChange: (personId: string) => void;
  readonly disabled?: boolean;
}

/**
 * "I am …": the plan's people of the given roles. People are identified by id; two people of
 * the same name are told apart by their department (as the sheet shows them).
 */
export function PersonPicker({ plan, roles, value, onChange, disabled }: PersonPickerProps): JSX.Element {
  const { t } = useI18n();
  const people = plan.data.people.filter((p) => roles.includes(p.role));
  return (
    <Field
      label={t('person.me')}
      validationMessage={people.length ? undefined : t('person.none')}
      validationState={people.length ? 'none' : 'warning'}
    >
      <Select value={value} onChange={(_, data) => onChange(data.value)} disabled={disabled ?? false}>
        <option value="">{t('common.choose')}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {displayName(plan, p)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
