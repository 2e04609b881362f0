/**
 * What the command line says, in its own language: every line `scoreseal` itself prints (errors,
 * refusals' framing, usage errors, warnings, prompts, what a step did) is a message of its
 * catalog (`./texts.ts`) rendered here, with the core's catalog merged in — so a parameter may
 * be a core message (a role, a refusal's reason) or a list joined by the core's separators.
 *
 * The language is en-US unless `SCORESEAL_LANG` says zh-CN (`main` sets it for each run). The
 * report lines about findings and refusals' reasons follow the plan's locale instead
 * ({@link planText}). Tests replace the catalogs with pseudo-locale ones ({@link useCatalogs}).
 */
import {
  CATALOGS,
  format,
  render,
  type Catalogs,
  type ListOf,
  type Locale,
  type Message,
  type MessageId,
  type MessageOf,
  type ParamOf,
  type ParamsOf,
  type Separator,
} from '../core/i18n/catalog';
import { CLI_EN, CLI_ZH, type CliId } from './texts';

export type { CliId } from './texts';

/** One language's command-line texts, by id. */
export type CliCatalog = Readonly<Record<CliId, string>>;
export type CliCatalogs = Readonly<Record<Locale, CliCatalog>>;

export const CLI_CATALOGS: CliCatalogs = { 'zh-CN': CLI_ZH, 'en-US': CLI_EN };

/** Every id a command-line text may use: its own, and the core's (roles, refusals, separators). */
type SayId = CliId | MessageId;

/** A message of the command line's catalog: an id and its parameters (which may be core messages). */
export interface CliMessage extends MessageOf<SayId> {
  readonly id: CliId;
}

/** Items shown one after the other, joined by a separator of the core's catalog. */
export type CliList = ListOf<SayId>;

/** A parameter: data shown as it is (a file, an id, a number), a message of either catalog, or a list. */
export type CliParam = ParamOf<SayId>;
export type CliParams = ParamsOf<SayId>;

/** A message of the command line's catalog. */
export const cli = (id: CliId, params?: CliParams): CliMessage => (params ? { id, params } : { id });

/** Items joined by a separator of the catalog ("a, b"). */
export const joined = (items: readonly CliParam[], join: Separator = 'sep.comma'): CliList => ({ items, join });

/** The default language of the command line. */
export const DEFAULT_LANGUAGE: Locale = 'en-US';

/** The command line's language for a value of `SCORESEAL_LANG` (zh, zh-CN, zh_CN.UTF-8 … → zh-CN; anything else en-US). */
export function languageOf(value: string | undefined): Locale {
  return value !== undefined && /^zh($|[-_.])/i.test(value.trim()) ? 'zh-CN' : DEFAULT_LANGUAGE;
}

let language: Locale = DEFAULT_LANGUAGE;
let cliCatalogs: CliCatalogs = CLI_CATALOGS;
let coreCatalogs: Catalogs = CATALOGS;
/** The merged catalog per language (core, then the command line's), made on first use. */
let merged: Partial<Record<Locale, Readonly<Record<SayId, string>>>> = {};

/** Sets the command line's language (main, as each run starts and ends). */
export function setLanguage(locale: Locale): void {
  language = locale;
}

/** The command line's language. */
export function cliLanguage(): Locale {
  return language;
}

/**
 * Replaces the catalogs (tests only: a pseudo-locale wraps every text to show it came from a
 * catalog); without an argument the real ones are back.
 */
export function useCatalogs(catalogs: { cli?: CliCatalogs; core?: Catalogs } = {}): void {
  cliCatalogs = catalogs.cli ?? CLI_CATALOGS;
  coreCatalogs = catalogs.core ?? CATALOGS;
  merged = {};
}

function catalogOf(locale: Locale): Readonly<Record<SayId, string>> {
  // the command line's ids extend the core's: one catalog, so a parameter renders in it whichever it is
  return (merged[locale] ??= { ...coreCatalogs[locale], ...cliCatalogs[locale] });
}

/** Message `id` of the command line's catalog in its language. */
export function say(id: CliId, params?: CliParams): string {
  return format(catalogOf(language), id, params);
}

/** A message (or text said already) in the command line's language. */
export function sayMessage(m: CliMessage | string): string {
  return typeof m === 'string' ? m : say(m.id, m.params);
}

/** A core message in `locale` (the plan's: a refusal's reason), with the catalogs in use. */
export function planText(locale: Locale, m: Message): string {
  return render(m, locale, coreCatalogs);
}
