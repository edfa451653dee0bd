export namespace domain {
	
	export enum Code {
	    BankError = "bank_error",
	    Cancelled = "cancelled",
	    Conflict = "conflict",
	    Forbidden = "forbidden",
	    Internal = "internal",
	    Invalid = "invalid",
	    Keyring = "keyring",
	    NotFound = "not_found",
	    Offline = "offline",
	    RateLimited = "rate_limited",
	    Unauthorized = "unauthorized",
	    UnknownOutcome = "unknown_outcome",
	}
	export class Balance {
	    accountId: string;
	    current: number;
	    available: number;
	    budget?: number;
	    straight?: number;
	    cash?: number;
	    currency: string;
	    fetchedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Balance(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.current = source["current"];
	        this.available = source["available"];
	        this.budget = source["budget"];
	        this.straight = source["straight"];
	        this.cash = source["cash"];
	        this.currency = source["currency"];
	        this.fetchedAt = source["fetchedAt"];
	    }
	}
	export class Account {
	    id: string;
	    number: string;
	    name: string;
	    referenceName: string;
	    productName: string;
	    profileId: string;
	    profileName: string;
	    kycCompliant: boolean;
	    kind: string;
	    balance?: Balance;
	    lastSyncedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Account(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.number = source["number"];
	        this.name = source["name"];
	        this.referenceName = source["referenceName"];
	        this.productName = source["productName"];
	        this.profileId = source["profileId"];
	        this.profileName = source["profileName"];
	        this.kycCompliant = source["kycCompliant"];
	        this.kind = source["kind"];
	        this.balance = this.convertValues(source["balance"], Balance);
	        this.lastSyncedAt = source["lastSyncedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReconciliationCheck {
	    status: string;
	    difference: number;
	    detail: string;
	
	    static createFrom(source: any = {}) {
	        return new ReconciliationCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.difference = source["difference"];
	        this.detail = source["detail"];
	    }
	}
	export class AccountReconciliation {
	    accountId: string;
	    accountNumber: string;
	    accountName: string;
	    productName: string;
	    sheet: string;
	    opening: number;
	    in: number;
	    out: number;
	    closing: number;
	    transactions: number;
	    pending: number;
	    arithmetic: ReconciliationCheck;
	    runningBalance: ReconciliationCheck;
	
	    static createFrom(source: any = {}) {
	        return new AccountReconciliation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.accountNumber = source["accountNumber"];
	        this.accountName = source["accountName"];
	        this.productName = source["productName"];
	        this.sheet = source["sheet"];
	        this.opening = source["opening"];
	        this.in = source["in"];
	        this.out = source["out"];
	        this.closing = source["closing"];
	        this.transactions = source["transactions"];
	        this.pending = source["pending"];
	        this.arithmetic = this.convertValues(source["arithmetic"], ReconciliationCheck);
	        this.runningBalance = this.convertValues(source["runningBalance"], ReconciliationCheck);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Annotation {
	    category: string;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new Annotation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.category = source["category"];
	        this.note = source["note"];
	    }
	}
	export class AppInfo {
	    name: string;
	    version: string;
	    revision: string;
	    modified: boolean;
	    goVersion: string;
	    platform: string;
	
	    static createFrom(source: any = {}) {
	        return new AppInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.version = source["version"];
	        this.revision = source["revision"];
	        this.modified = source["modified"];
	        this.goVersion = source["goVersion"];
	        this.platform = source["platform"];
	    }
	}
	export class SyncRun {
	    id: number;
	    startedAt: string;
	    finishedAt: string;
	    trigger: string;
	    accounts: number;
	    fetched: number;
	    added: number;
	    removed: number;
	    failed: number;
	    errorCode: Code;
	    errorMessage: string;
	
	    static createFrom(source: any = {}) {
	        return new SyncRun(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.startedAt = source["startedAt"];
	        this.finishedAt = source["finishedAt"];
	        this.trigger = source["trigger"];
	        this.accounts = source["accounts"];
	        this.fetched = source["fetched"];
	        this.added = source["added"];
	        this.removed = source["removed"];
	        this.failed = source["failed"];
	        this.errorCode = source["errorCode"];
	        this.errorMessage = source["errorMessage"];
	    }
	}
	export class Connection {
	    id: string;
	    name: string;
	    kind: string;
	    baseUrl: string;
	    business: boolean;
	    active: boolean;
	    hasCredentials: boolean;
	    keyringProblem?: string;
	    createdAt: string;
	    permissions: string[];
	    lastTestedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Connection(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.baseUrl = source["baseUrl"];
	        this.business = source["business"];
	        this.active = source["active"];
	        this.hasCredentials = source["hasCredentials"];
	        this.keyringProblem = source["keyringProblem"];
	        this.createdAt = source["createdAt"];
	        this.permissions = source["permissions"];
	        this.lastTestedAt = source["lastTestedAt"];
	    }
	}
	export class AppStatus {
	    connection: Connection;
	    net: string;
	    netMessage: string;
	    lastSyncedAt: string;
	    syncing: boolean;
	    lastRun?: SyncRun;
	    interval: string;
	    onboarded: boolean;
	    demoOffline: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AppStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.connection = this.convertValues(source["connection"], Connection);
	        this.net = source["net"];
	        this.netMessage = source["netMessage"];
	        this.lastSyncedAt = source["lastSyncedAt"];
	        this.syncing = source["syncing"];
	        this.lastRun = this.convertValues(source["lastRun"], SyncRun);
	        this.interval = source["interval"];
	        this.onboarded = source["onboarded"];
	        this.demoOffline = source["demoOffline"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class BalancePoint {
	    date: string;
	    balance: number;
	
	    static createFrom(source: any = {}) {
	        return new BalancePoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.date = source["date"];
	        this.balance = source["balance"];
	    }
	}
	export class BalanceSeries {
	    accountId: string;
	    points: BalancePoint[];
	
	    static createFrom(source: any = {}) {
	        return new BalanceSeries(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.points = this.convertValues(source["points"], BalancePoint);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Beneficiary {
	    id: string;
	    name: string;
	    beneficiaryName: string;
	    accountNumber: string;
	    branchCode: string;
	    bank: string;
	    referenceName: string;
	    referenceAccountNumber: string;
	    categoryId: string;
	    profileId: string;
	    fasterPaymentAllowed: boolean;
	    lastPaymentAmount?: number;
	    lastPaymentDate: string;
	    beneficiaryType: string;
	
	    static createFrom(source: any = {}) {
	        return new Beneficiary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.beneficiaryName = source["beneficiaryName"];
	        this.accountNumber = source["accountNumber"];
	        this.branchCode = source["branchCode"];
	        this.bank = source["bank"];
	        this.referenceName = source["referenceName"];
	        this.referenceAccountNumber = source["referenceAccountNumber"];
	        this.categoryId = source["categoryId"];
	        this.profileId = source["profileId"];
	        this.fasterPaymentAllowed = source["fasterPaymentAllowed"];
	        this.lastPaymentAmount = source["lastPaymentAmount"];
	        this.lastPaymentDate = source["lastPaymentDate"];
	        this.beneficiaryType = source["beneficiaryType"];
	    }
	}
	export class Card {
	    key: string;
	    number: string;
	    last4: string;
	    programmable: boolean;
	    status: string;
	    typeCode: string;
	    accountId: string;
	    accountNumber: string;
	    accountName: string;
	    embossedName: string;
	    virtual: boolean;
	    cached: boolean;
	    fetchedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Card(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.number = source["number"];
	        this.last4 = source["last4"];
	        this.programmable = source["programmable"];
	        this.status = source["status"];
	        this.typeCode = source["typeCode"];
	        this.accountId = source["accountId"];
	        this.accountNumber = source["accountNumber"];
	        this.accountName = source["accountName"];
	        this.embossedName = source["embossedName"];
	        this.virtual = source["virtual"];
	        this.cached = source["cached"];
	        this.fetchedAt = source["fetchedAt"];
	    }
	}
	export class CardCode {
	    codeId: string;
	    code: string;
	    createdAt: string;
	    updatedAt: string;
	    publishedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new CardCode(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.codeId = source["codeId"];
	        this.code = source["code"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.publishedAt = source["publishedAt"];
	    }
	}
	export class CardCodeState {
	    cardKey: string;
	    saved: CardCode;
	    published: CardCode;
	    differs: boolean;
	    cached: boolean;
	
	    static createFrom(source: any = {}) {
	        return new CardCodeState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.cardKey = source["cardKey"];
	        this.saved = this.convertValues(source["saved"], CardCode);
	        this.published = this.convertValues(source["published"], CardCode);
	        this.differs = source["differs"];
	        this.cached = source["cached"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EnvVar {
	    key: string;
	    value: string;
	
	    static createFrom(source: any = {}) {
	        return new EnvVar(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.value = source["value"];
	    }
	}
	export class CardEnv {
	    cardKey: string;
	    variables: EnvVar[];
	    updatedAt: string;
	    cached: boolean;
	    cachedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new CardEnv(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.cardKey = source["cardKey"];
	        this.variables = this.convertValues(source["variables"], EnvVar);
	        this.updatedAt = source["updatedAt"];
	        this.cached = source["cached"];
	        this.cachedAt = source["cachedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TransactionLink {
	    transactionId: number;
	    accountId: string;
	    description: string;
	    amount: number;
	    transactionDate: string;
	
	    static createFrom(source: any = {}) {
	        return new TransactionLink(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.transactionId = source["transactionId"];
	        this.accountId = source["accountId"];
	        this.description = source["description"];
	        this.amount = source["amount"];
	        this.transactionDate = source["transactionDate"];
	    }
	}
	export class LocalRun {
	    centsAmount: number;
	    currencyCode: string;
	    merchantCode: string;
	    merchantName: string;
	    merchantCity: string;
	    countryCode: string;
	    codeSha256: string;
	
	    static createFrom(source: any = {}) {
	        return new LocalRun(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.centsAmount = source["centsAmount"];
	        this.currencyCode = source["currencyCode"];
	        this.merchantCode = source["merchantCode"];
	        this.merchantName = source["merchantName"];
	        this.merchantCity = source["merchantCity"];
	        this.countryCode = source["countryCode"];
	        this.codeSha256 = source["codeSha256"];
	    }
	}
	export class ExecutionLog {
	    createdAt: string;
	    level: string;
	    content: string;
	
	    static createFrom(source: any = {}) {
	        return new ExecutionLog(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.createdAt = source["createdAt"];
	        this.level = source["level"];
	        this.content = source["content"];
	    }
	}
	export class CardExecution {
	    id: string;
	    cardKey: string;
	    source: string;
	    type: string;
	    approved?: boolean;
	    logs: ExecutionLog[];
	    error: string;
	    codeId: string;
	    createdAt: string;
	    startedAt: string;
	    completedAt: string;
	    local?: LocalRun;
	    transaction?: TransactionLink;
	
	    static createFrom(source: any = {}) {
	        return new CardExecution(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.cardKey = source["cardKey"];
	        this.source = source["source"];
	        this.type = source["type"];
	        this.approved = source["approved"];
	        this.logs = this.convertValues(source["logs"], ExecutionLog);
	        this.error = source["error"];
	        this.codeId = source["codeId"];
	        this.createdAt = source["createdAt"];
	        this.startedAt = source["startedAt"];
	        this.completedAt = source["completedAt"];
	        this.local = this.convertValues(source["local"], LocalRun);
	        this.transaction = this.convertValues(source["transaction"], TransactionLink);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CardExecutionLog {
	    cardKey: string;
	    executions: CardExecution[];
	    bankMessage: string;
	    linked: number;
	
	    static createFrom(source: any = {}) {
	        return new CardExecutionLog(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.cardKey = source["cardKey"];
	        this.executions = this.convertValues(source["executions"], CardExecution);
	        this.bankMessage = source["bankMessage"];
	        this.linked = source["linked"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RefItem {
	    code: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new RefItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.name = source["name"];
	    }
	}
	export class CardReference {
	    countries: RefItem[];
	    currencies: RefItem[];
	    merchants: RefItem[];
	    source: string;
	
	    static createFrom(source: any = {}) {
	        return new CardReference(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.countries = this.convertValues(source["countries"], RefItem);
	        this.currencies = this.convertValues(source["currencies"], RefItem);
	        this.merchants = this.convertValues(source["merchants"], RefItem);
	        this.source = source["source"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CardTemplate {
	    id: string;
	    name: string;
	    description: string;
	    code: string;
	    env: EnvVar[];
	
	    static createFrom(source: any = {}) {
	        return new CardTemplate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.code = source["code"];
	        this.env = this.convertValues(source["env"], EnvVar);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Category {
	    id: number;
	    name: string;
	    position: number;
	    uses: number;
	    rules: number;
	    listed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Category(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.position = source["position"];
	        this.uses = source["uses"];
	        this.rules = source["rules"];
	        this.listed = source["listed"];
	    }
	}
	export class CategoryRule {
	    id: number;
	    contains: string;
	    categoryId: number;
	    category: string;
	    accountId: string;
	    direction: string;
	    position: number;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new CategoryRule(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.contains = source["contains"];
	        this.categoryId = source["categoryId"];
	        this.category = source["category"];
	        this.accountId = source["accountId"];
	        this.direction = source["direction"];
	        this.position = source["position"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class CodeCheck {
	    ok: boolean;
	    message: string;
	    line: number;
	    column: number;
	
	    static createFrom(source: any = {}) {
	        return new CodeCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.message = source["message"];
	        this.line = source["line"];
	        this.column = source["column"];
	    }
	}
	export class CodeVersion {
	    id: number;
	    cardKey: string;
	    kind: string;
	    codeId: string;
	    code: string;
	    sha256: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new CodeVersion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.cardKey = source["cardKey"];
	        this.kind = source["kind"];
	        this.codeId = source["codeId"];
	        this.code = source["code"];
	        this.sha256 = source["sha256"];
	        this.at = source["at"];
	    }
	}
	export class ConnectionTest {
	    ok: boolean;
	    message: string;
	    permissions: string[];
	    missing: string[];
	    accounts: Account[];
	    errorCode: Code;
	
	    static createFrom(source: any = {}) {
	        return new ConnectionTest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.message = source["message"];
	        this.permissions = source["permissions"];
	        this.missing = source["missing"];
	        this.accounts = this.convertValues(source["accounts"], Account);
	        this.errorCode = source["errorCode"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ConnectResult {
	    test: ConnectionTest;
	    connection?: Connection;
	
	    static createFrom(source: any = {}) {
	        return new ConnectResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.test = this.convertValues(source["test"], ConnectionTest);
	        this.connection = this.convertValues(source["connection"], Connection);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ConnectionCache {
	    connectionId: string;
	    exists: boolean;
	    accounts: number;
	    transactions: number;
	    bytes: number;
	
	    static createFrom(source: any = {}) {
	        return new ConnectionCache(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.connectionId = source["connectionId"];
	        this.exists = source["exists"];
	        this.accounts = source["accounts"];
	        this.transactions = source["transactions"];
	        this.bytes = source["bytes"];
	    }
	}
	
	export class Credentials {
	    clientId: string;
	    clientSecret: string;
	    apiKey: string;
	
	    static createFrom(source: any = {}) {
	        return new Credentials(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.clientId = source["clientId"];
	        this.clientSecret = source["clientSecret"];
	        this.apiKey = source["apiKey"];
	    }
	}
	export class DemoChoice {
	    connection: Connection;
	    switched: boolean;
	
	    static createFrom(source: any = {}) {
	        return new DemoChoice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.connection = this.convertValues(source["connection"], Connection);
	        this.switched = source["switched"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DocumentEntry {
	    accountId: string;
	    accountNumber: string;
	    accountLabel: string;
	    documentType: string;
	    typeLabel: string;
	    documentDate: string;
	    downloaded: boolean;
	    size: number;
	    sha256: string;
	    listedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new DocumentEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.accountNumber = source["accountNumber"];
	        this.accountLabel = source["accountLabel"];
	        this.documentType = source["documentType"];
	        this.typeLabel = source["typeLabel"];
	        this.documentDate = source["documentDate"];
	        this.downloaded = source["downloaded"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	        this.listedAt = source["listedAt"];
	    }
	}
	export class DocumentDownloadResult {
	    downloaded: number;
	    archived: number;
	    failed: number;
	    errorCode: Code;
	    errorMessage: string;
	    documents: DocumentEntry[];
	
	    static createFrom(source: any = {}) {
	        return new DocumentDownloadResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.downloaded = source["downloaded"];
	        this.archived = source["archived"];
	        this.failed = source["failed"];
	        this.errorCode = source["errorCode"];
	        this.errorMessage = source["errorMessage"];
	        this.documents = this.convertValues(source["documents"], DocumentEntry);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class DocumentKey {
	    accountId: string;
	    documentType: string;
	    documentDate: string;
	
	    static createFrom(source: any = {}) {
	        return new DocumentKey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.documentType = source["documentType"];
	        this.documentDate = source["documentDate"];
	    }
	}
	export class DocumentList {
	    documents: DocumentEntry[];
	    refreshed: boolean;
	    refreshCode: Code;
	    refreshMessage: string;
	    business: boolean;
	
	    static createFrom(source: any = {}) {
	        return new DocumentList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.documents = this.convertValues(source["documents"], DocumentEntry);
	        this.refreshed = source["refreshed"];
	        this.refreshCode = source["refreshCode"];
	        this.refreshMessage = source["refreshMessage"];
	        this.business = source["business"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DocumentQuery {
	    accountIds: string[];
	    from: string;
	    to: string;
	    types: string[];
	    refresh: boolean;
	
	    static createFrom(source: any = {}) {
	        return new DocumentQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountIds = source["accountIds"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.types = source["types"];
	        this.refresh = source["refresh"];
	    }
	}
	export class EnvChange {
	    key: string;
	    kind: string;
	    old: string;
	    new: string;
	
	    static createFrom(source: any = {}) {
	        return new EnvChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.kind = source["kind"];
	        this.old = source["old"];
	        this.new = source["new"];
	    }
	}
	
	
	export class ExportedFile {
	    name: string;
	    size: number;
	    sha256: string;
	
	    static createFrom(source: any = {}) {
	        return new ExportedFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	    }
	}
	export class Period {
	    from: string;
	    to: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new Period(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.label = source["label"];
	    }
	}
	export class ExportOutcome {
	    format: string;
	    path: string;
	    period: Period;
	    files: ExportedFile[];
	    accounts: AccountReconciliation[];
	    transactions: number;
	
	    static createFrom(source: any = {}) {
	        return new ExportOutcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.format = source["format"];
	        this.path = source["path"];
	        this.period = this.convertValues(source["period"], Period);
	        this.files = this.convertValues(source["files"], ExportedFile);
	        this.accounts = this.convertValues(source["accounts"], AccountReconciliation);
	        this.transactions = source["transactions"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ExportPlan {
	    period: Period;
	    folder: string;
	    name: string;
	    path: string;
	    isFolder: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ExportPlan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], Period);
	        this.folder = source["folder"];
	        this.name = source["name"];
	        this.path = source["path"];
	        this.isFolder = source["isFolder"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PeriodRequest {
	    preset: string;
	    month: string;
	    taxYear: number;
	    from: string;
	    to: string;
	
	    static createFrom(source: any = {}) {
	        return new PeriodRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.preset = source["preset"];
	        this.month = source["month"];
	        this.taxYear = source["taxYear"];
	        this.from = source["from"];
	        this.to = source["to"];
	    }
	}
	export class ExportRequest {
	    period: PeriodRequest;
	    accountIds: string[];
	    format: string;
	    path: string;
	    zip: boolean;
	    noDocuments: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ExportRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], PeriodRequest);
	        this.accountIds = source["accountIds"];
	        this.format = source["format"];
	        this.path = source["path"];
	        this.zip = source["zip"];
	        this.noDocuments = source["noDocuments"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class MonthlyGroupTotal {
	    month: string;
	    group: string;
	    in: number;
	    out: number;
	    net: number;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new MonthlyGroupTotal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.month = source["month"];
	        this.group = source["group"];
	        this.in = source["in"];
	        this.out = source["out"];
	        this.net = source["net"];
	        this.count = source["count"];
	    }
	}
	export class MonthlyFlow {
	    accountId: string;
	    month: string;
	    in: number;
	    out: number;
	    net: number;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new MonthlyFlow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.month = source["month"];
	        this.in = source["in"];
	        this.out = source["out"];
	        this.net = source["net"];
	        this.count = source["count"];
	    }
	}
	export class Insight {
	    from: string;
	    to: string;
	    balances: BalanceSeries[];
	    inOut: MonthlyFlow[];
	    byType: MonthlyGroupTotal[];
	    byCategory: MonthlyGroupTotal[];
	
	    static createFrom(source: any = {}) {
	        return new Insight(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.balances = this.convertValues(source["balances"], BalanceSeries);
	        this.inOut = this.convertValues(source["inOut"], MonthlyFlow);
	        this.byType = this.convertValues(source["byType"], MonthlyGroupTotal);
	        this.byCategory = this.convertValues(source["byCategory"], MonthlyGroupTotal);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class InsightRequest {
	    accountIds: string[];
	    from: string;
	    to: string;
	
	    static createFrom(source: any = {}) {
	        return new InsightRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountIds = source["accountIds"];
	        this.from = source["from"];
	        this.to = source["to"];
	    }
	}
	
	
	
	export class NewConnection {
	    name: string;
	    kind: string;
	    baseUrl: string;
	    business: boolean;
	    credentials: Credentials;
	
	    static createFrom(source: any = {}) {
	        return new NewConnection(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.baseUrl = source["baseUrl"];
	        this.business = source["business"];
	        this.credentials = this.convertValues(source["credentials"], Credentials);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PayAccountRef {
	    id: string;
	    number: string;
	    name: string;
	    productName: string;
	    current?: number;
	    available?: number;
	
	    static createFrom(source: any = {}) {
	        return new PayAccountRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.number = source["number"];
	        this.name = source["name"];
	        this.productName = source["productName"];
	        this.current = source["current"];
	        this.available = source["available"];
	    }
	}
	export class PayChoice {
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new PayChoice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class PayAuthorisation {
	    required: number;
	    authorisersA: PayChoice[];
	    authorisersB: PayChoice[];
	    periods: PayChoice[];
	
	    static createFrom(source: any = {}) {
	        return new PayAuthorisation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.required = source["required"];
	        this.authorisersA = this.convertValues(source["authorisersA"], PayChoice);
	        this.authorisersB = this.convertValues(source["authorisersB"], PayChoice);
	        this.periods = this.convertValues(source["periods"], PayChoice);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PayAccountSetup {
	    accountId: string;
	    beneficiaries: Beneficiary[];
	    fromCache: boolean;
	    authorisation?: PayAuthorisation;
	    notice: string;
	
	    static createFrom(source: any = {}) {
	        return new PayAccountSetup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.beneficiaries = this.convertValues(source["beneficiaries"], Beneficiary);
	        this.fromCache = source["fromCache"];
	        this.authorisation = this.convertValues(source["authorisation"], PayAuthorisation);
	        this.notice = source["notice"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PayAuthorisers {
	    authoriserA: PayChoice;
	    authoriserB: PayChoice;
	    period: PayChoice;
	
	    static createFrom(source: any = {}) {
	        return new PayAuthorisers(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.authoriserA = this.convertValues(source["authoriserA"], PayChoice);
	        this.authoriserB = this.convertValues(source["authoriserB"], PayChoice);
	        this.period = this.convertValues(source["period"], PayChoice);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PayMatch {
	    transactionId: number;
	    accountId: string;
	    postingDate: string;
	    transactionDate: string;
	    description: string;
	    amount: number;
	    postedOrder: number;
	
	    static createFrom(source: any = {}) {
	        return new PayMatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.transactionId = source["transactionId"];
	        this.accountId = source["accountId"];
	        this.postingDate = source["postingDate"];
	        this.transactionDate = source["transactionDate"];
	        this.description = source["description"];
	        this.amount = source["amount"];
	        this.postedOrder = source["postedOrder"];
	    }
	}
	export class PayLine {
	    targetId: string;
	    targetName: string;
	    targetNumber: string;
	    targetBank: string;
	    amount: number;
	    myReference: string;
	    theirReference: string;
	    fasterPayment: boolean;
	    paymentReference: string;
	    paymentDate: string;
	    bankStatus: string[];
	    beneficiaryName: string;
	    authorisationRequired: boolean;
	    match?: PayMatch;
	
	    static createFrom(source: any = {}) {
	        return new PayLine(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.targetId = source["targetId"];
	        this.targetName = source["targetName"];
	        this.targetNumber = source["targetNumber"];
	        this.targetBank = source["targetBank"];
	        this.amount = source["amount"];
	        this.myReference = source["myReference"];
	        this.theirReference = source["theirReference"];
	        this.fasterPayment = source["fasterPayment"];
	        this.paymentReference = source["paymentReference"];
	        this.paymentDate = source["paymentDate"];
	        this.bankStatus = source["bankStatus"];
	        this.beneficiaryName = source["beneficiaryName"];
	        this.authorisationRequired = source["authorisationRequired"];
	        this.match = this.convertValues(source["match"], PayMatch);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PayAttempt {
	    id: string;
	    groupId: string;
	    batchIndex: number;
	    batchCount: number;
	    kind: string;
	    from: PayAccountRef;
	    profileId: string;
	    lines: PayLine[];
	    total: number;
	    authorisers?: PayAuthorisers;
	    status: string;
	    statusText: string;
	    errorCode: Code;
	    errorMessage: string;
	    bankMessage: string;
	    duplicateAcknowledged: boolean;
	    reviewedAt: string;
	    sentAt: string;
	    finishedAt: string;
	    matchedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new PayAttempt(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.groupId = source["groupId"];
	        this.batchIndex = source["batchIndex"];
	        this.batchCount = source["batchCount"];
	        this.kind = source["kind"];
	        this.from = this.convertValues(source["from"], PayAccountRef);
	        this.profileId = source["profileId"];
	        this.lines = this.convertValues(source["lines"], PayLine);
	        this.total = source["total"];
	        this.authorisers = this.convertValues(source["authorisers"], PayAuthorisers);
	        this.status = source["status"];
	        this.statusText = source["statusText"];
	        this.errorCode = source["errorCode"];
	        this.errorMessage = source["errorMessage"];
	        this.bankMessage = source["bankMessage"];
	        this.duplicateAcknowledged = source["duplicateAcknowledged"];
	        this.reviewedAt = source["reviewedAt"];
	        this.sentAt = source["sentAt"];
	        this.finishedAt = source["finishedAt"];
	        this.matchedAt = source["matchedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class PayDuplicate {
	    attemptId: string;
	    sentAt: string;
	    minutesAgo: number;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new PayDuplicate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.attemptId = source["attemptId"];
	        this.sentAt = source["sentAt"];
	        this.minutesAgo = source["minutesAgo"];
	        this.message = source["message"];
	    }
	}
	export class PayBatch {
	    attemptId: string;
	    index: number;
	    count: number;
	    lines: PayLine[];
	    total: number;
	    duplicate?: PayDuplicate;
	
	    static createFrom(source: any = {}) {
	        return new PayBatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.attemptId = source["attemptId"];
	        this.index = source["index"];
	        this.count = source["count"];
	        this.lines = this.convertValues(source["lines"], PayLine);
	        this.total = source["total"];
	        this.duplicate = this.convertValues(source["duplicate"], PayDuplicate);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class PayConfirmation {
	    attemptId: string;
	    typed: string;
	    acknowledgeDuplicate: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PayConfirmation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.attemptId = source["attemptId"];
	        this.typed = source["typed"];
	        this.acknowledgeDuplicate = source["acknowledgeDuplicate"];
	    }
	}
	
	export class PayLimits {
	    day: string;
	    dailyLimit: number;
	    usedToday: number;
	    remaining: number;
	
	    static createFrom(source: any = {}) {
	        return new PayLimits(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.dailyLimit = source["dailyLimit"];
	        this.usedToday = source["usedToday"];
	        this.remaining = source["remaining"];
	    }
	}
	
	
	export class PayWarning {
	    code: string;
	    field: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new PayWarning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.field = source["field"];
	        this.message = source["message"];
	    }
	}
	export class PayReview {
	    groupId: string;
	    kind: string;
	    from: PayAccountRef;
	    batches: PayBatch[];
	    total: number;
	    authorisers?: PayAuthorisers;
	    warnings: PayWarning[];
	    limits: PayLimits;
	    reviewedAt: string;
	    expiresAt: string;
	
	    static createFrom(source: any = {}) {
	        return new PayReview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.groupId = source["groupId"];
	        this.kind = source["kind"];
	        this.from = this.convertValues(source["from"], PayAccountRef);
	        this.batches = this.convertValues(source["batches"], PayBatch);
	        this.total = source["total"];
	        this.authorisers = this.convertValues(source["authorisers"], PayAuthorisers);
	        this.warnings = this.convertValues(source["warnings"], PayWarning);
	        this.limits = this.convertValues(source["limits"], PayLimits);
	        this.reviewedAt = source["reviewedAt"];
	        this.expiresAt = source["expiresAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PaymentLineForm {
	    beneficiaryId: string;
	    amount: string;
	    myReference: string;
	    theirReference: string;
	    fasterPayment: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PaymentLineForm(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.beneficiaryId = source["beneficiaryId"];
	        this.amount = source["amount"];
	        this.myReference = source["myReference"];
	        this.theirReference = source["theirReference"];
	        this.fasterPayment = source["fasterPayment"];
	    }
	}
	export class PaymentForm {
	    fromAccountId: string;
	    lines: PaymentLineForm[];
	    authoriserAId: string;
	    authoriserBId: string;
	    authPeriodId: string;
	
	    static createFrom(source: any = {}) {
	        return new PaymentForm(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fromAccountId = source["fromAccountId"];
	        this.lines = this.convertValues(source["lines"], PaymentLineForm);
	        this.authoriserAId = source["authoriserAId"];
	        this.authoriserBId = source["authoriserBId"];
	        this.authPeriodId = source["authPeriodId"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TransferForm {
	    fromAccountId: string;
	    toAccountId: string;
	    amount: string;
	    myReference: string;
	    theirReference: string;
	
	    static createFrom(source: any = {}) {
	        return new TransferForm(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fromAccountId = source["fromAccountId"];
	        this.toAccountId = source["toAccountId"];
	        this.amount = source["amount"];
	        this.myReference = source["myReference"];
	        this.theirReference = source["theirReference"];
	    }
	}
	export class PayTemplate {
	    id: number;
	    name: string;
	    kind: string;
	    transfer?: TransferForm;
	    payment?: PaymentForm;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new PayTemplate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.transfer = this.convertValues(source["transfer"], TransferForm);
	        this.payment = this.convertValues(source["payment"], PaymentForm);
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PaySetup {
	    available: boolean;
	    reason: string;
	    accounts: PayAccountRef[];
	    transfers: string;
	    payments: string;
	    permissionHelp: string;
	    limits: PayLimits;
	    templates: PayTemplate[];
	    recent: PayAttempt[];
	    myReferenceMax: number;
	    theirReferenceMax: number;
	    referenceCharacters: string;
	
	    static createFrom(source: any = {}) {
	        return new PaySetup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.available = source["available"];
	        this.reason = source["reason"];
	        this.accounts = this.convertValues(source["accounts"], PayAccountRef);
	        this.transfers = source["transfers"];
	        this.payments = source["payments"];
	        this.permissionHelp = source["permissionHelp"];
	        this.limits = this.convertValues(source["limits"], PayLimits);
	        this.templates = this.convertValues(source["templates"], PayTemplate);
	        this.recent = this.convertValues(source["recent"], PayAttempt);
	        this.myReferenceMax = source["myReferenceMax"];
	        this.theirReferenceMax = source["theirReferenceMax"];
	        this.referenceCharacters = source["referenceCharacters"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	
	
	
	
	export class RuleApplication {
	    categorised: number;
	    recategorised: number;
	    examined: number;
	
	    static createFrom(source: any = {}) {
	        return new RuleApplication(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.categorised = source["categorised"];
	        this.recategorised = source["recategorised"];
	        this.examined = source["examined"];
	    }
	}
	export class RuleInput {
	    contains: string;
	    category: string;
	    accountId: string;
	    direction: string;
	
	    static createFrom(source: any = {}) {
	        return new RuleInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contains = source["contains"];
	        this.category = source["category"];
	        this.accountId = source["accountId"];
	        this.direction = source["direction"];
	    }
	}
	export class RulePreview {
	    matching: number;
	    wouldChange: number;
	
	    static createFrom(source: any = {}) {
	        return new RulePreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.matching = source["matching"];
	        this.wouldChange = source["wouldChange"];
	    }
	}
	export class ShellReport {
	    title: string;
	    views: string[];
	    theme: string;
	
	    static createFrom(source: any = {}) {
	        return new ShellReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.views = source["views"];
	        this.theme = source["theme"];
	    }
	}
	export class SimulationRequest {
	    mode: string;
	    code: string;
	    amount: string;
	    currencyCode: string;
	    merchantCode: string;
	    merchantName: string;
	    merchantCity: string;
	    countryCode: string;
	
	    static createFrom(source: any = {}) {
	        return new SimulationRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mode = source["mode"];
	        this.code = source["code"];
	        this.amount = source["amount"];
	        this.currencyCode = source["currencyCode"];
	        this.merchantCode = source["merchantCode"];
	        this.merchantName = source["merchantName"];
	        this.merchantCity = source["merchantCity"];
	        this.countryCode = source["countryCode"];
	    }
	}
	export class SimulationResult {
	    mode: string;
	    cardKey: string;
	    approved: boolean;
	    centsAmount: number;
	    executions: CardExecution[];
	    ranAt: string;
	
	    static createFrom(source: any = {}) {
	        return new SimulationResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mode = source["mode"];
	        this.cardKey = source["cardKey"];
	        this.approved = source["approved"];
	        this.centsAmount = source["centsAmount"];
	        this.executions = this.convertValues(source["executions"], CardExecution);
	        this.ranAt = source["ranAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Transaction {
	    id: number;
	    accountId: string;
	    type: string;
	    transactionType: string;
	    status: string;
	    description: string;
	    cardNumber: string;
	    postedOrder: number;
	    postingDate: string;
	    valueDate: string;
	    actionDate: string;
	    transactionDate: string;
	    amount: number;
	    signedAmount: number;
	    runningBalance?: number;
	    uuid: string;
	    category: string;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new Transaction(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.accountId = source["accountId"];
	        this.type = source["type"];
	        this.transactionType = source["transactionType"];
	        this.status = source["status"];
	        this.description = source["description"];
	        this.cardNumber = source["cardNumber"];
	        this.postedOrder = source["postedOrder"];
	        this.postingDate = source["postingDate"];
	        this.valueDate = source["valueDate"];
	        this.actionDate = source["actionDate"];
	        this.transactionDate = source["transactionDate"];
	        this.amount = source["amount"];
	        this.signedAmount = source["signedAmount"];
	        this.runningBalance = source["runningBalance"];
	        this.uuid = source["uuid"];
	        this.category = source["category"];
	        this.note = source["note"];
	    }
	}
	export class TransactionDetail {
	    transaction: Transaction;
	    categorySource: string;
	    rule?: CategoryRule;
	
	    static createFrom(source: any = {}) {
	        return new TransactionDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.transaction = this.convertValues(source["transaction"], Transaction);
	        this.categorySource = source["categorySource"];
	        this.rule = this.convertValues(source["rule"], CategoryRule);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TransactionFilter {
	    accountIds: string[];
	    fromDate: string;
	    toDate: string;
	    direction: string;
	    transactionTypes: string[];
	    status: string;
	    categories: string[];
	    minAmount?: number;
	    maxAmount?: number;
	    search: string;
	    sort: string;
	    descending: boolean;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new TransactionFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountIds = source["accountIds"];
	        this.fromDate = source["fromDate"];
	        this.toDate = source["toDate"];
	        this.direction = source["direction"];
	        this.transactionTypes = source["transactionTypes"];
	        this.status = source["status"];
	        this.categories = source["categories"];
	        this.minAmount = source["minAmount"];
	        this.maxAmount = source["maxAmount"];
	        this.search = source["search"];
	        this.sort = source["sort"];
	        this.descending = source["descending"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	
	export class TransactionTotals {
	    count: number;
	    in: number;
	    out: number;
	    net: number;
	
	    static createFrom(source: any = {}) {
	        return new TransactionTotals(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = source["count"];
	        this.in = source["in"];
	        this.out = source["out"];
	        this.net = source["net"];
	    }
	}
	export class TransactionPage {
	    rows: Transaction[];
	    totals: TransactionTotals;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new TransactionPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], Transaction);
	        this.totals = this.convertValues(source["totals"], TransactionTotals);
	        this.offset = source["offset"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	

}

