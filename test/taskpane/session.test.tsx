import './polyfills';
import { act, fireEvent, screen } from '@testing-library/react';
import type { KeyPair } from '../../src/core/crypto/ed25519';
import { createOfficeActions, type PaneActions } from '../../src/taskpane/actions';
import { IDLE_LOCK_MS } from '../../src/taskpane/state/sessionContext';
import { SignView } from '../../src/taskpane/views/SignView';
import { demoKey, examplePlan, fillAll, renderWithProviders, scoreBook, type ScoreBook } from './support';

const plan = examplePlan();
jest.setTimeout(60_000); // scrypt key derivation in beforeAll is slow on a loaded machine
let book: ScoreBook;
let uninstall: () => void;
/** every key the pane was handed (to check that locking wipes it) */
let handedOut: KeyPair[];
let actions: PaneActions;
/** the key each signing step was handed */
let signedWith: (KeyPair | null)[];

beforeAll(async () => {
  await demoKey(plan, 'p01'); // derive once with real timers (scrypt yields through timers)
});

beforeEach(() => {
  book = scoreBook(plan, 'u01');
  fillAll(book);
  uninstall = book.double.install();
  handedOut = [];
  signedWith = [];
  const real = createOfficeActions();
  actions = {
    ...real,
    deriveKey: async (_pass, _title, id) => {
      const key = await demoKey(plan, id);
      handedOut.push(key);
      return key;
    },
    sign: (sheet, actor, role, scope) => {
      signedWith.push(actor.key);
      return real.sign(sheet, actor, role, scope);
    },
  };
});
afterEach(() => {
  uninstall();
  jest.useRealTimers();
});

async function unlock(fakeTimers = false): Promise<ReturnType<typeof renderWithProviders>['user']> {
  const r = renderWithProviders(
    <SignView actions={actions} />,
    fakeTimers ? { user: { advanceTimers: (ms) => jest.advanceTimersByTime(ms) } } : {},
  );
  await screen.findByText(/单位：城关镇（u01）/);
  await r.user.selectOptions(screen.getByLabelText('我是'), 'p01');
  await r.user.type(screen.getByLabelText('口令'), 'anything: deriveKey is stubbed');
  await r.user.click(screen.getByRole('button', { name: '解锁' }));
  await screen.findByText('已解锁：张伟（纪委监察局）');
  return r.user;
}

const wiped = (k: KeyPair): boolean => k.secret.every((b) => b === 0);

describe('the passphrase session', () => {
  test('Lock forgets the key: it is wiped and the passphrase is asked again', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const user = await unlock(true);
    expect(screen.getByRole('button', { name: '签字' })).toBeInTheDocument();
    expect(handedOut).toHaveLength(1);
    expect(wiped(handedOut[0]!)).toBe(false);

    await user.click(screen.getByRole('button', { name: '锁定' }));
    expect(await screen.findByText('已锁定，密钥已从内存清除。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '签字' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('口令')).toBeInTheDocument();
    expect(wiped(handedOut[0]!)).toBe(true);
  });

  test('15 idle minutes forget the key; activity before then keeps it', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    await unlock(true);

    act(() => jest.advanceTimersByTime(IDLE_LOCK_MS - 60_000));
    expect(screen.getByText('已解锁：张伟（纪委监察局）')).toBeInTheDocument();
    fireEvent.keyDown(document.body, { key: 'Shift' }); // activity restarts the clock
    act(() => jest.advanceTimersByTime(IDLE_LOCK_MS - 60_000));
    expect(screen.getByText('已解锁：张伟（纪委监察局）')).toBeInTheDocument();
    expect(wiped(handedOut[0]!)).toBe(false);

    act(() => jest.advanceTimersByTime(60_001));
    expect(await screen.findByText('闲置 15 分钟，已自动锁定，密钥已从内存清除。')).toBeInTheDocument();
    expect(screen.queryByText('已解锁：张伟（纪委监察局）')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '签字' })).not.toBeInTheDocument();
    expect(wiped(handedOut[0]!)).toBe(true);
  });

  test('a signing step gets a copy of the key, so a Lock during the step cannot corrupt it', async () => {
    const user = await unlock();
    await user.click(screen.getByRole('radio', { name: '我负责的全部项目' }));
    await user.click(screen.getByRole('button', { name: '签字' }));
    expect(await screen.findByText(/已以考核人身份签字 \d+ 项/)).toBeInTheDocument();
    expect(signedWith).toHaveLength(1);
    expect(signedWith[0]).not.toBe(handedOut[0]);
    expect(signedWith[0]!.publicKey).toBe(handedOut[0]!.publicKey);
    expect(wiped(signedWith[0]!)).toBe(true); // the copy is wiped after the step
    expect(wiped(handedOut[0]!)).toBe(false); // the session's key is still there
  });
});
