import { Button, Field, makeStyles, Radio, RadioGroup, Select, Spinner, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { mayAppraise } from '../../core/plan/plan';
import type { SignRole } from '../../core/signing/records';
import type { Outcome, PaneActions, SignScope } from '../actions';
import { ActorGate, type GateActor } from '../components/ActorGate';
import { ErrorBar } from '../components/ErrorBar';
import { Notice } from '../components/Notice';
import { ReasonsBar } from '../components/ReasonsBar';
import { SheetHeader } from '../components/SheetHeader';
import { useI18n } from '../state/i18nContext';
import { useSnapshot } from '../state/useSnapshot';
import { useTask } from '../state/useTask';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export interface SignViewProps {
  readonly actions: Pick<PaneActions, 'loadSheet' | 'sign' | 'deriveKey'>;
}

type ScopeKind = SignScope['kind'];

interface SignOutcome {
  readonly role: SignRole;
  readonly outcome: Outcome<{ items: readonly string[] }>;
}

/**
 * 签字 Sign: an appraiser chooses themselves, unlocks their key once per session, and signs as
 * scorer or reviewer the selected rows, a whole block, or all their items. Each signing is one
 * read sync and one write sync; a refusal shows the core's reasons and changes nothing.
 */
export function SignView({ actions }: SignViewProps): JSX.Element {
  const { t } = useI18n();
  const styles = useStyles();
  const { snapshot, setSnapshot, refresh, loading } = useSnapshot(actions.loadSheet);
  const signing = useTask();
  const [role, setRole] = useState<SignRole>('scorer');
  const [scope, setScope] = useState<ScopeKind>('selection');
  const [block, setBlock] = useState('');
  const [last, setLast] = useState<SignOutcome | null>(null);
  const ctx = snapshot?.report.ctx;

  const sign = async (actor: GateActor): Promise<void> => {
    if (!snapshot) return;
    setLast(null);
    if (scope === 'block' && !block) {
      setLast({ role, outcome: { ok: false, reasons: [{ id: 'sign.noBlock' }] } });
      return;
    }
    const what: SignScope = scope === 'block' ? { kind: 'block', block } : { kind: scope };
    const r = await signing.run(() => actor.act((a) => actions.sign(snapshot.sheetName, a, role, what)));
    if (!r) return;
    setLast({ role, outcome: r });
    if (r.ok) setSnapshot(r.value.snapshot);
  };

  const form = (actor: GateActor): JSX.Element => {
    const blocks = ctx
      ? ctx.rubric.nodes.filter(
          (n) => n.depth === 0 && ctx.rubric.leaves.some((l) => l.block === n.code && mayAppraise(actor.person, l.group, ctx.unit.id)),
        )
      : [];
    const onSubmit = (e: FormEvent): void => {
      e.preventDefault();
      void sign(actor);
    };
    return (
      <form className={styles.form} onSubmit={onSubmit}>
        <Field label={t('sign.role')}>
          <RadioGroup value={role} onChange={(_, d) => setRole(d.value === 'reviewer' ? 'reviewer' : 'scorer')} layout="horizontal">
            <Radio value="scorer" label={t('role.scorer')} />
            <Radio value="reviewer" label={t('role.reviewer')} />
          </RadioGroup>
        </Field>
        <Field label={t('sign.scope')}>
          <RadioGroup value={scope} onChange={(_, d) => setScope(d.value as ScopeKind)}>
            <Radio value="selection" label={t('sign.scope.selection')} />
            <Radio value="block" label={t('sign.scope.block')} />
            <Radio value="all" label={t('sign.scope.all')} />
          </RadioGroup>
        </Field>
        {scope === 'block' && (
          <Field label={t('sign.block')}>
            <Select value={block} onChange={(_, d) => setBlock(d.value)}>
              <option value="">{t('common.choose')}</option>
              {blocks.map((n) => (
                <option key={n.code} value={n.code}>{`${n.code} ${n.name}`}</option>
              ))}
            </Select>
          </Field>
        )}
        <div className={styles.row}>
          <Button type="submit" appearance="primary" disabled={signing.busy || loading.busy}>
            {t('sign.submit')}
          </Button>
          {signing.busy && <Spinner size="tiny" label={t('common.working')} />}
        </div>
      </form>
    );
  };

  return (
    <div className={styles.root}>
      <SheetHeader snapshot={snapshot} busy={loading.busy} onRefresh={() => void refresh()} />
      {loading.failure && <ErrorBar error={loading.failure.error} onDismiss={loading.dismiss} />}
      {ctx && (
        <ActorGate plan={ctx.plan} roles={['appraiser']} deriveKey={actions.deriveKey}>
          {form}
        </ActorGate>
      )}
      {signing.failure && <ErrorBar error={signing.failure.error} onDismiss={signing.dismiss} />}
      {last &&
        (last.outcome.ok ? (
          <Notice intent="success">
            {t('sign.done', {
              role: t(`role.${last.role}`),
              count: last.outcome.value.items.length,
              items: last.outcome.value.items.join(' '),
            })}
          </Notice>
        ) : (
          <ReasonsBar reasons={last.outcome.reasons} />
        ))}
    </div>
  );
}
