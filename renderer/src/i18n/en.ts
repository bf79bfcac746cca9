import type { Catalogue } from './catalogue.ts';

export const en: Catalogue = {
  'app.title': 'Village Credit',
  'app.subtitle': 'Resident credit files and points',
  'app.loading': 'Opening the local database…',
  'app.loadFailed.title': 'The local database could not be opened',
  'app.loadFailed.retry': 'Try again',

  'nav.residents': 'Residents',
  'nav.ledger': 'Points',
  'nav.redemption': 'Redemption',
  'nav.loans': 'Loan referrals',
  'nav.commitments': 'Commitments & lists',
  'nav.printing': 'Printing',
  'nav.sync': 'Sync',
  'nav.settings': 'Settings',
  'nav.label': 'Modules',

  'language.label': 'Language',
  'language.zh-CN': '简体中文',
  'language.en': 'English',

  'module.notBuilt.title': '“{module}” is not available yet',
  'module.notBuilt.body': 'This module is being built. When ready it will offer: {plan}',
  'module.notBuilt.noData': 'No sample data is shown here.',
  'module.residents.plan':
    'household and resident credit files, ID number validation and masking, search by name, pinyin or the last 4 ID digits, Excel import and export.',
  'module.ledger.plan':
    'recording bonuses and deductions under the rule set, review by a second person, public notice and objections, integrity score and tier.',
  'module.redemption.plan':
    'redeeming points for the cable-TV subsidy and goods, printed receipts, cancellation with refund.',
  'module.loans.plan':
    'tier-based referrals for loan products such as 文明助农e贷, recording the bank’s decision.',
  'module.commitments.plan':
    'signing and tracking credit commitments, red, black and honour lists with public notice.',
  'module.printing.plan':
    'credit reports, points passbooks and notice sheets, each with a serial number and verification code.',
  'module.sync.plan':
    'syncing with the town server: offline entry, automatic upload when online, sync problems and conflicts.',

  'settings.title': 'Settings',
  'settings.language.help': 'Takes effect at once and is saved on this computer.',
  'settings.about.title': 'About this computer',
  'settings.about.product': 'Product',
  'settings.about.version': 'Version',
  'settings.about.shell': 'Running as',
  'settings.about.shell.electron': 'Desktop app',
  'settings.about.shell.web': 'Browser',
  'settings.about.platform': 'Operating system',
  'settings.about.townServer': 'Town server address',
  'settings.about.unavailable': 'Could not read the app information: {message}',
  'settings.localData.title': 'Local data',
  'settings.localData.help':
    'Records in the local database by kind. Data is kept on this computer and synced with the town server when online.',
  'settings.localData.collection': 'Kind of record',
  'settings.localData.count': 'Records',
  'settings.localData.storage': 'Stored in this computer’s IndexedDB (database {name})',
  'settings.print.title': 'Print check',
  'settings.print.help':
    'Makes a one-page Chinese test PDF to check printing and Chinese fonts on this computer.',
  'settings.print.button': 'Make a print test page',
  'settings.print.working': 'Making the PDF…',
  'settings.print.saved': 'Test page saved: {path}',
  'settings.print.cancelled': 'Saving was cancelled.',
  'settings.print.failed': 'The print test page failed: {message}',
  'settings.print.fileName': 'print-test-page.pdf',
  'settings.print.pageTitle': 'Village Credit · print test page',
  'settings.print.pageBody':
    '如果您能清楚地看到这段中文，说明本机的打印和中文字体工作正常。 If you can read the Chinese line above, printing and Chinese fonts work.',
  'settings.print.pageGenerated': 'Generated at {time}',

  'collection.residents': 'Residents',
  'collection.households': 'Households',
  'collection.events': 'Ledger entries',
  'collection.notices': 'Public notices',
  'collection.cases': 'Objections and repairs',
  'collection.commitments': 'Commitments',
  'collection.ratings': 'Ratings and lists',
  'collection.policies': 'Rule sets and village settings',
  'collection.catalog': 'Township catalogue',
  'collection.redemptions': 'Redemptions',
  'collection.referrals': 'Loan referrals',
  'collection.journal': 'Print and access log',

  'errors.port.invalid-argument':
    'The request was not valid ({field}). Try again; if it persists, contact support.',
  'errors.port.untrusted-sender': 'The request came from an untrusted page and was refused.',
  'errors.port.unavailable': 'This is not available when running this way.',
  'errors.port.file-too-large':
    'The file is too large (limit {max} bytes). Split it and try again.',
  'errors.port.io-failed':
    'Reading or writing the file failed. Check disk space and permissions, then try again.',
  'errors.port.print-failed':
    'Making the PDF failed. Try again; if it still fails, restart the app.',
  'errors.port.secret-storage-unavailable':
    'The system key store is not available, so sign-in data cannot be kept safely.',
  'errors.localdb.open-failed':
    'The local database could not be opened. Close other windows of this app and try again.',
  'errors.localdb.newer-than-app':
    'The local data was written by a newer version of the app. Install the latest version; your data was kept unchanged.',
  'errors.localdb.migration-failed':
    'Upgrading the local data failed; the data was kept. Contact support.',
  'errors.localdb.write-failed':
    'Saving to the local database failed. Try again; if it still fails, restart the app.',
  'errors.place.township-code-invalid':
    'Township code “{value}” is malformed: it must be a 9-digit division code.',
  'errors.place.village-code-invalid':
    'Village code “{value}” is malformed: it must be a 12-digit division code.',
  'errors.place.name-invalid': 'Name “{value}” is not valid: use 1 to 40 characters.',
  'errors.place.township-unknown': 'Township {code} is not registered.',
  'errors.place.township-exists': 'Township {code} is already registered.',
  'errors.place.village-exists': 'Village {code} is already registered.',
  'errors.place.village-not-in-township':
    'Village code {code} is not in township {township}: its first 9 digits must be the township code.',
  'errors.store.collection-unknown': 'Unknown kind of record “{collection}”.',
  'errors.store.data-dir-locked': 'The data folder is in use by another program.',
  'errors.store.migration-failed': 'Upgrading the server database failed.',
  'errors.store.newer-than-server':
    'The server database was upgraded by a newer town server (migration {migration}); install the latest town server.',
  'errors.store.unavailable':
    'The town server cannot reach its database right now. Try again later or contact the township administrator.',
  'errors.store.document-invalid': 'Record “{id}” is invalid: {reason}',
  'errors.store.document-scope-invalid':
    'Record “{id}” does not belong to the village or township that “{collection}” requires.',
  'errors.store.document-not-found': '“{collection}” has no record “{id}”.',
  'errors.store.pull-invalid':
    'Sync parameter {field} has an invalid value “{value}”; expected {expected}.',
  'errors.cli.usage': 'Wrong command usage: {problem}',
  'errors.cli.env-invalid':
    'Environment variable {name} has an invalid value “{value}”; expected {expected}.',
  'errors.http.not-found': 'That address does not exist.',
  'errors.http.bad-request': 'The request was malformed.',
  'errors.http.internal': 'Server error. Try again later.',
};
