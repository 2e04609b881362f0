/** Helpers for the double's own tests (test/office/double-*.test.ts). */
import { RichApiError } from '../support/excel-double';

/** The RichApiError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function rejection(p: Promise<unknown>): Promise<RichApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RichApiError) return e;
    throw e;
  }
  throw new Error('expected the sync to fail');
}
