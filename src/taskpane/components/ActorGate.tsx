import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import type { Plan } from '../../core/plan/plan';
import type { Person, Role } from '../../core/plan/schema';
import { displayName } from '../../core/rules/present';
import type { Actor, PaneActions } from '../actions';
import { useI18n } from '../state/i18nContext';
import { useSession } from '../state/sessionContext';
import { Notice } from './Notice';
import { PersonPicker } from './PersonPicker';
import { SessionBar } from './SessionBar';
import { UnlockForm } from './UnlockForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** The person acting, ready to act: `act` hands the step a copy of their key. */
export interface GateActor {
  readonly person: Person;
  readonly act: <T>(step: (actor: Actor) => Promise<T>) => Promise<T>;
}

export interface ActorGateProps {
  readonly plan: Plan;
  readonly roles: readonly Role[];
  readonly deriveKey: PaneActions['deriveKey'];
  readonly children: (actor: GateActor) => ReactNode;
}

/**
 * Choose yourself, unlock your key once per session (key plans), then act. Choosing someone
 * else locks the key that was unlocked.
 */
export function ActorGate({ plan, roles, deriveKey, children }: ActorGateProps): JSX.Element {
  const { t } = useI18n();
  const styles = useStyles();
  const session = useSession();
  const offered = plan.data.people.filter((p) => roles.includes(p.role));
  const [chosen, setChosen] = useState<string>(() =>
    session.person && offered.some((p) => p.id === session.person) ? session.person : '',
  );
  const person = offered.find((p) => p.id === chosen);

  const choose = (id: string): void => {
    if (session.person && session.person !== id) session.lock();
    setChosen(id);
  };

  let body: ReactNode = null;
  if (person && plan.data.signing === 'name') {
    body = (
      <>
        <Caption1>{t('session.nameOnly')}</Caption1>
        {children({ person, act: (step) => step({ person: person.id, key: null }) })}
      </>
    );
  } else if (person && session.person === person.id) {
    body = (
      <>
        <SessionBar name={displayName(plan, person)} onLock={session.lock} />
        {children({ person, act: (step) => session.withKey(person.id, (key) => step({ person: person.id, key })) })}
      </>
    );
  } else if (person) {
    body = <UnlockForm plan={plan} person={person} deriveKey={deriveKey} onUnlocked={(key) => session.unlock(person.id, key)} />;
  }

  return (
    <div className={styles.root}>
      <PersonPicker plan={plan} roles={roles} value={chosen} onChange={choose} />
      {!session.person && session.lockReason && (
        <Notice intent="info">{t(session.lockReason === 'idle' ? 'session.idleLocked' : 'session.locked')}</Notice>
      )}
      {body}
    </div>
  );
}
