/**
 * Excel's password hash for sheet and workbook protection (ECMA-376 Part 1, §18.2.29 and
 * §18.3.1.85, "agile" form): H0 = SHA-512(salt ‖ UTF-16LE(password)), then spinCount rounds of
 * Hn = SHA-512(Hn-1 ‖ UInt32LE(n)). Protection is a guard against accidents, not security
 * (SPEC §3); the signatures are the proof.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Excel's default number of rounds. */
export const SPIN_COUNT = 100_000;

export interface PasswordHash {
  readonly algorithmName: 'SHA-512';
  /** base64 */
  readonly hashValue: string;
  /** base64 of 16 random bytes (unless given) */
  readonly saltValue: string;
  readonly spinCount: number;
}

let saltCounter: number | null = null;

/**
 * Salts from a counter instead of random bytes (reproducible runs only: the command line's
 * SCORESEAL_CLOCK), so the same steps write the same bytes; null goes back to random salts.
 */
export function useCountedSalts(on: boolean): void {
  saltCounter = on ? 0 : null;
}

function newSalt(): string {
  if (saltCounter === null) return randomBytes(16).toString('base64');
  return createHash('sha256').update(`scoreseal/reproducible-salt:${saltCounter++}`).digest().subarray(0, 16).toString('base64');
}

/** Hashes `password` as Excel does for `<sheetProtection>` and `<workbookProtection>`. */
export function hashPassword(password: string, saltValue = newSalt(), spinCount = SPIN_COUNT): PasswordHash {
  let key = createHash('sha512').update(Buffer.from(saltValue, 'base64')).update(Buffer.from(password, 'utf16le')).digest();
  const counter = Buffer.alloc(4);
  for (let i = 0; i < spinCount; i++) {
    counter.writeUInt32LE(i, 0);
    key = createHash('sha512').update(key).update(counter).digest();
  }
  return { algorithmName: 'SHA-512', hashValue: key.toString('base64'), saltValue, spinCount };
}

/** Whether `password` matches a stored hash (same salt and rounds). */
export function passwordMatches(password: string, stored: Pick<PasswordHash, 'hashValue' | 'saltValue' | 'spinCount'>): boolean {
  return hashPassword(password, stored.saltValue, stored.spinCount).hashValue === stored.hashValue;
}
