/**
 * The protection settings ScoreSeal uses. Protection guards against slips; the signatures
 * are the proof (SPEC §3).
 */
import type ExcelJS from 'exceljs';
import { hashPassword } from './password';
import type { StructureProtection } from './structure';

/** A score sheet in its ordinary state: protected without a password; selecting and resizing rows and columns allowed. */
export const ORDINARY_PROTECTION: Readonly<Partial<ExcelJS.WorksheetProtection>> = Object.freeze({
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
});

/** A sealed sheet: protected with the oversight member's password; selecting only. */
export const SEALED_PROTECTION: Readonly<Partial<ExcelJS.WorksheetProtection>> = Object.freeze({
  selectLockedCells: true,
  selectUnlockedCells: true,
});

/** `<workbookProtection>` attributes: structure locked, with the password's SHA-512 hash when there is one. */
export function structureProtection(password: string): StructureProtection {
  if (!password) return { lockStructure: '1' };
  const h = hashPassword(password);
  return {
    workbookAlgorithmName: h.algorithmName,
    workbookHashValue: h.hashValue,
    workbookSaltValue: h.saltValue,
    workbookSpinCount: String(h.spinCount),
    lockStructure: '1',
  };
}
