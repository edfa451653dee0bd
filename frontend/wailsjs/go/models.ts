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

