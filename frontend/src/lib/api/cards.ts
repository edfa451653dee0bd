/**
 * The card code workbench's part of the API gateway: cards, their code
 * (saved, published, local history), environment variables, simulations on
 * Investec or in the offline emulator, and the execution log. Writes to the
 * bank (save, publish, environment variables, toggle) are sent once by the
 * backend and never retried.
 */
import {domain} from '../../../wailsjs/go/models';
import {
  CardCode,
  CardCodeHistory,
  CardEnv,
  CardEnvChanges,
  CardExecutions,
  CardReference,
  Cards,
  CardTemplates,
  CheckCardCode,
  PublishCardCode,
  SaveCardCode,
  SaveCardEnv,
  SetCardProgrammable,
  SimulateCard,
} from '../../../wailsjs/go/main/App';
import {call} from './call';
import type {Data, DataWith} from './models';

/** Card is a bank card: masked number, status, programmable or not, account (domain.Card). */
export type Card = Data<domain.Card>;
/** CardCodeVersion is one version of a card's code at the bank (domain.CardCode). */
export type CardCodeVersion = Data<domain.CardCode>;
/**
 * CardCodeState is a card's saved and published code (domain.CardCodeState):
 * differs is true when publishing would change what runs, cached when
 * Investec could not be reached and both versions come from the local history.
 */
export type CardCodeState = Data<domain.CardCodeState>;
/** CodeCheck is a syntax check's outcome; line and column are 1-based, 0 if unknown (domain.CodeCheck). */
export type CodeCheck = Data<domain.CodeCheck>;
/** CodeVersionKind says how a version entered the local history. */
export type CodeVersionKind = 'saved' | 'published';
/** CodeVersion is an entry of the local code history (domain.CodeVersion). */
export type CodeVersion = DataWith<domain.CodeVersion, {kind: CodeVersionKind}>;
/** EnvVar is one environment variable (process.env.<key>); values are strings. */
export type EnvVar = Data<domain.EnvVar>;
/**
 * CardEnvironment is a card's environment variables, sorted by key (domain.CardEnv);
 * cached is true when Investec could not be reached and this is the copy kept in
 * the system keyring at cachedAt.
 */
export type CardEnvironment = Data<domain.CardEnv>;
/** EnvChangeKind says how saving changes one variable. */
export type EnvChangeKind = 'added' | 'changed' | 'removed';
/** EnvChange is one change saving new environment variables would make. */
export type EnvChange = DataWith<domain.EnvChange, {kind: EnvChangeKind}>;
/** CardTemplate is a ready-made piece of card code with suggested variables. */
export type CardTemplate = Data<domain.CardTemplate>;
/** RefItem is a country, currency or merchant category code with its name. */
export type RefItem = Data<domain.RefItem>;
/** CardReferenceData is what the simulation form offers; source says where it came from (domain.CardReference). */
export type CardReferenceData = DataWith<domain.CardReference, {source: 'investec' | 'built-in'}>;
/** SimulationMode says where a simulation runs. */
export type SimulationMode = 'local' | 'investec';
/** SimulationRequest is a made-up transaction; amount is as typed, in rands for ZAR. */
export type SimulationRequest = DataWith<domain.SimulationRequest, {mode: SimulationMode}>;
/** ExecutionSource says where an execution comes from. */
export type ExecutionSource = 'real' | 'simulated' | 'local';
/** ExecutionLog is one console line of an execution. */
export type ExecutionLog = Data<domain.ExecutionLog>;
/** LocalRun describes the made-up transaction a local execution ran on. */
export type LocalRun = Data<domain.LocalRun>;
/** TransactionLink names the cached transaction a real execution belongs to. */
export type TransactionLink = Data<domain.TransactionLink>;
/** CardExecution is one run of one hook of card code. */
export type CardExecution = DataWith<domain.CardExecution, {source: ExecutionSource}>;
/** SimulationResult is what a simulation did; centsAmount is the amount sent, in minor units (cents). */
export type SimulationResult = DataWith<domain.SimulationResult, {mode: SimulationMode; executions: CardExecution[]}>;
/** CardExecutionLog is a card's execution log, newest first; bankMessage says why Investec's part is missing, if it is. */
export type CardExecutionLog = DataWith<domain.CardExecutionLog, {executions: CardExecution[]}>;

const sources: ReadonlySet<string> = new Set<ExecutionSource>(['real', 'simulated', 'local']);

function toExecution(e: domain.CardExecution): CardExecution {
  return {
    id: e.id,
    cardKey: e.cardKey,
    source: sources.has(e.source) ? (e.source as ExecutionSource) : 'real',
    type: e.type,
    ...(typeof e.approved === 'boolean' ? {approved: e.approved} : {}),
    logs: e.logs.map((l) => ({createdAt: l.createdAt, level: l.level, content: l.content})),
    error: e.error,
    codeId: e.codeId,
    createdAt: e.createdAt,
    startedAt: e.startedAt,
    completedAt: e.completedAt,
    ...(e.local ? {local: toLocalRun(e.local)} : {}),
    ...(e.transaction ? {transaction: toLink(e.transaction)} : {}),
  };
}

function toLocalRun(l: domain.LocalRun): LocalRun {
  return {
    centsAmount: l.centsAmount,
    currencyCode: l.currencyCode,
    merchantCode: l.merchantCode,
    merchantName: l.merchantName,
    merchantCity: l.merchantCity,
    countryCode: l.countryCode,
    codeSha256: l.codeSha256,
  };
}

function toLink(t: domain.TransactionLink): TransactionLink {
  return {transactionId: t.transactionId, accountId: t.accountId, description: t.description, amount: t.amount, transactionDate: t.transactionDate};
}

function toCode(c: domain.CardCode): CardCodeVersion {
  return {codeId: c.codeId, code: c.code, createdAt: c.createdAt, updatedAt: c.updatedAt, publishedAt: c.publishedAt};
}

function toEnv(e: domain.CardEnv): CardEnvironment {
  return {
    cardKey: e.cardKey,
    variables: e.variables.map((v) => ({key: v.key, value: v.value})),
    updatedAt: e.updatedAt,
    cached: e.cached,
    cachedAt: e.cachedAt,
  };
}

function envArg(vars: readonly EnvVar[]): domain.EnvVar[] {
  return vars.map((v) => domain.EnvVar.createFrom({key: v.key, value: v.value}));
}

/**
 * listCards returns the cards the connection can see. When Investec cannot
 * be reached they are the cached list, each marked cached with the time
 * Investec listed it (fetchedAt).
 */
export async function listCards(): Promise<Card[]> {
  const cards = await call(() => Cards());
  return cards.map((c) => ({
    key: c.key,
    number: c.number,
    last4: c.last4,
    programmable: c.programmable,
    status: c.status,
    typeCode: c.typeCode,
    accountId: c.accountId,
    accountNumber: c.accountNumber,
    accountName: c.accountName,
    embossedName: c.embossedName,
    virtual: c.virtual,
    cached: c.cached,
    fetchedAt: c.fetchedAt,
  }));
}

/** setCardProgrammable switches a card's programmable feature (sent once) and returns the state Investec reports. */
export function setCardProgrammable(cardKey: string, enabled: boolean): Promise<boolean> {
  return call(() => SetCardProgrammable(cardKey, enabled));
}

/** cardCode returns a card's saved and published code. */
export async function cardCode(cardKey: string): Promise<CardCodeState> {
  const s = await call(() => CardCode(cardKey));
  return {cardKey: s.cardKey, saved: toCode(s.saved), published: toCode(s.published), differs: s.differs, cached: s.cached};
}

/** checkCardCode checks code for syntax errors without running it. */
export async function checkCardCode(code: string): Promise<CodeCheck> {
  const c = await call(() => CheckCardCode(code));
  return {ok: c.ok, message: c.message, line: c.line, column: c.column};
}

/** saveCardCode syntax-checks code and saves it on the card (not published); sent once. */
export async function saveCardCode(cardKey: string, code: string): Promise<CardCodeVersion> {
  return toCode(await call(() => SaveCardCode(cardKey, code)));
}

/**
 * publishCardCode publishes the card's saved code; codeId must be the saved
 * version the person reviewed (a newer save makes it fail with `conflict`).
 * Sent once.
 */
export async function publishCardCode(cardKey: string, codeId: string): Promise<CardCodeVersion> {
  return toCode(await call(() => PublishCardCode(cardKey, codeId)));
}

/** cardCodeHistory returns the local history of a card's code, newest first. */
export async function cardCodeHistory(cardKey: string): Promise<CodeVersion[]> {
  const list = await call(() => CardCodeHistory(cardKey));
  return list.map((v) => ({
    id: v.id,
    cardKey: v.cardKey,
    kind: v.kind === 'published' ? 'published' : 'saved',
    codeId: v.codeId,
    code: v.code,
    sha256: v.sha256,
    at: v.at,
  }));
}

/** cardEnv returns a card's environment variables. */
export async function cardEnv(cardKey: string): Promise<CardEnvironment> {
  return toEnv(await call(() => CardEnv(cardKey)));
}

/** cardEnvChanges validates new variables and lists what saving them would change; nothing is written. */
export async function cardEnvChanges(cardKey: string, vars: readonly EnvVar[]): Promise<EnvChange[]> {
  const list = await call(() => CardEnvChanges(cardKey, envArg(vars)));
  return list.map((c) => ({key: c.key, kind: c.kind as EnvChangeKind, old: c.old, new: c.new}));
}

/** saveCardEnv replaces all of a card's environment variables; sent once. */
export async function saveCardEnv(cardKey: string, vars: readonly EnvVar[]): Promise<CardEnvironment> {
  return toEnv(await call(() => SaveCardEnv(cardKey, envArg(vars))));
}

/** cardReference returns the countries, currencies and merchant categories for simulations. */
export async function cardReference(): Promise<CardReferenceData> {
  const r = await call(() => CardReference());
  const items = (l: domain.RefItem[]): RefItem[] => l.map((i) => ({code: i.code, name: i.name}));
  return {
    countries: items(r.countries),
    currencies: items(r.currencies),
    merchants: items(r.merchants),
    source: r.source === 'investec' ? 'investec' : 'built-in',
  };
}

/** cardTemplates returns the card code templates. */
export async function cardTemplates(): Promise<CardTemplate[]> {
  const list = await call(() => CardTemplates());
  return list.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    code: t.code,
    env: t.env.map((v) => ({key: v.key, value: v.value})),
  }));
}

/** simulateCard runs code against a made-up transaction, on Investec or locally. */
export async function simulateCard(cardKey: string, req: SimulationRequest): Promise<SimulationResult> {
  const r = await call(() => SimulateCard(cardKey, domain.SimulationRequest.createFrom(req)));
  return {
    mode: r.mode === 'local' ? 'local' : 'investec',
    cardKey: r.cardKey,
    approved: r.approved,
    centsAmount: r.centsAmount,
    executions: r.executions.map(toExecution),
    ranAt: r.ranAt,
  };
}

/** cardExecutions returns a card's execution log: real, simulated and local runs, newest first. */
export async function cardExecutions(cardKey: string): Promise<CardExecutionLog> {
  const l = await call(() => CardExecutions(cardKey));
  return {cardKey: l.cardKey, executions: l.executions.map(toExecution), bankMessage: l.bankMessage, linked: l.linked};
}
