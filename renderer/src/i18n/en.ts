import type { Catalogue } from './catalogue.ts';
import { accountEn } from './parts/account.ts';
import { registerEn } from './parts/register.ts';
import { ledgerEn } from './parts/ledger.ts';
import { ledgerRecordEn } from './parts/ledger-record.ts';
import { ledgerReviewEn } from './parts/ledger-review.ts';
import { ledgerNoticesEn } from './parts/ledger-notices.ts';
import { ledgerFiguresEn } from './parts/ledger-figures.ts';
import { syncEn } from './parts/sync.ts';

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

  'values.male': 'male',
  'values.female': 'female',
  'values.not-a-date': 'no such day in the calendar',
  'values.in-the-future': 'it is after today',
  'values.before-1900': 'it is before 1900',

  'values.file-not-found': 'file not found',
  'values.file-no-permission': 'no permission to read it',
  'values.file-is-a-directory': 'it is a folder, not a file',
  'values.file-io-error': 'a read error',
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
  'errors.resident.id-format':
    'ID number “{value}” is malformed: use 18 characters (17 digits, then a digit or X), or a 15-digit legacy number.',
  'errors.resident.id-region':
    'ID number “{value}” has an impossible region code {region}: the first two digits must be a valid province code. Check the card.',
  'errors.resident.id-birth-date':
    'ID number “{value}” holds an impossible birth date {date}: {reason}. Check the card.',
  'errors.resident.id-check-digit':
    'ID number “{value}” has a wrong check character: the first 17 digits give {expected}. Check each digit.',
  'errors.resident.id-birth-mismatch':
    'The birth date entered ({entered}) differs from the one in the ID number ({fromId}). Correct the birth date to match the card, or check the number.',
  'errors.resident.id-gender-mismatch':
    'The gender entered ({entered}) differs from the one the ID number gives ({fromId}). Correct it to match the card, or check the number.',
  'errors.resident.id-duplicate':
    'This ID number is already registered to {name} (household {household}). A number can be registered once per village.',
  'errors.resident.name-missing': 'The name is missing.',
  'errors.resident.name-invalid':
    'The name “{value}” is not allowed: use 1 to 50 characters, without digits or control characters.',
  'errors.resident.phone-invalid':
    'Phone “{value}” is not valid: use an 11-digit mobile number starting with 1, or a landline with area code (e.g. 0510-86012345).',
  'errors.household.head-count':
    'Household {household} must have exactly one head; it has {count}. Choose one head.',
  'errors.household.relation-unknown':
    'Relation “{value}” is not recognised: use 户主, 配偶, 子女, 父母, 兄弟姐妹, 孙子女 or 其他.',
  'errors.household.number-duplicate':
    'Household number “{value}” is already used by another household. Numbers must be unique in the village.',
  'errors.household.member-not-found':
    'Resident {resident} is not a current member of household {household}.',
  'errors.household.member-already':
    'Resident {resident} is already a member of household {household}.',
  'errors.household.inactive':
    'Household {household} is closed (merged or split) and its members can no longer change.',
  'errors.household.head-leaving':
    'The head cannot leave directly: first choose a new head for household {household}.',
  'errors.household.date-invalid':
    'The date {date} is not valid: it cannot be before the member joined ({since}) or after today.',
  'errors.import.file-empty':
    'The file holds no residents: there is no row under the header. Fill in one row per resident under the template’s header and import again.',
  'errors.import.column-missing':
    'The required column “{column}” is missing. Add it to the header row (compare with the template) and import again.',
  'errors.import.column-duplicate':
    'Columns “{column}” and “{other}” hold the same field, so it is unclear which counts. Delete or rename one of them.',
  'errors.import.value-missing': '“{column}” must not be empty. Fill it in and import again.',
  'errors.import.value-too-long': '“{column}” is too long: at most {max} characters. Shorten it.',
  'errors.import.tags-invalid':
    '“{column}” is not valid: at most {maxTags} tags of at most {maxLength} characters each, separated by 、, commas or spaces.',
  'errors.import.id-as-number':
    'The ID “{value}” was stored by Excel as a number and its last digits are lost. Format the column as Text and retype the full number.',
  'errors.import.id-duplicate-in-file':
    'This ID number appears twice in the file: row {otherRow} ({otherName}) has it too. A number belongs to one resident; check both rows.',
  'errors.import.group-unknown':
    'The village has no group “{value}”. Create the group first, or use an existing group’s name.',
  'errors.import.household-conflict':
    'Rows of household {household} disagree on “{column}”: row {firstRow} says “{first}” and this row differs. Make them the same, or fill it in on the head’s row only.',
  'errors.xlsx.not-a-workbook':
    'This file can’t be read: it is not an Excel workbook (.xlsx), or it is damaged. Open it in Excel or WPS, save it as .xlsx and try again.',
  'errors.xlsx.legacy-or-encrypted':
    'This is an old .xls file or a password-protected workbook. Save it as .xlsx without a password, then import it again.',
  'errors.xlsx.too-large':
    'Unpacked, this file is larger than {max} bytes and was refused. Remove unrelated sheets or split the file, then try again.',
  'errors.xlsx.sheet-too-large':
    'The sheet is too large: at most {maxRows} rows and {maxColumns} columns are read. Split it and import again.',
  'errors.xlsx.sheet-missing':
    'Sheet “{sheet}” was not found, or the workbook has no worksheet to read.',
  'errors.place.village-unknown':
    'Village {code} is not registered on the town server. Contact the township administrator.',
  'errors.cli.file-unreadable':
    'Cannot read file {file} ({reason}). Check its name, its folder and that you may read it.',
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
  'errors.auth.credentials-invalid':
    'The username or password is wrong. Check them and try again; after several wrong attempts the account is locked for a while.',
  'errors.auth.rate-limited': 'Too many sign-in attempts. Try again in {retryAfter} seconds.',
  'errors.auth.locked':
    'Account “{username}” is locked for a while after several wrong passwords. Try again in {retryAfter} seconds, or ask an administrator to reset the password.',
  'errors.auth.token-missing': 'Please sign in first.',
  'errors.auth.token-invalid': 'The sign-in token is not valid. Please sign in again.',
  'errors.auth.token-expired': 'Your sign-in has expired. Please sign in again.',
  'errors.auth.session-revoked':
    'This sign-in was ended or revoked by an administrator. Please sign in again.',
  'errors.auth.refresh-invalid': 'Your sign-in is no longer valid. Please sign in again.',
  'errors.auth.user-disabled':
    'Account “{username}” is disabled. Ask the township administrator if you still need it.',
  'errors.auth.forbidden': 'Your account’s role does not allow this.',
  'errors.auth.password-weak':
    'The password is too weak: use at least {minLength} characters with both letters and digits, not containing the username.',
  'errors.auth.username-invalid':
    'Username “{value}” is not allowed: use 3 to 32 lower-case letters, digits, dots, underscores or hyphens, starting with a letter.',
  'errors.auth.username-exists': 'Username “{username}” is taken. Choose another.',
  'errors.auth.user-unknown': 'There is no account with username “{username}”.',
  'errors.auth.role-invalid':
    'There is no role “{value}”. Roles: township_admin, village_admin, village_clerk, village_reviewer, bank_liaison.',
  'errors.auth.role-scope-mismatch':
    'Role {role} needs {option} (village accounts name a village, township and bank accounts a township; give exactly one).',
  'errors.auth.device-revoked':
    'This device ({deviceId}) was revoked by the township administrator and can no longer sign in or sync. Contact the township administrator.',
  'errors.auth.device-other-village':
    'This device is registered to another village and cannot be used with this account. To reassign it, ask the township administrator to revoke its registration, then sign in again.',
  'errors.auth.device-unknown': 'There is no device “{deviceId}”.',
  'errors.auth.server-needed':
    'This account signs in on this device for the first time, which needs the town server. Connect to the network and try again.',
  'errors.auth.password-mismatch': 'The two passwords do not match. Enter them again.',
  'errors.auth.server-unreachable':
    'The town server {url} cannot be reached, so you cannot sign in. Check the network and the server address, then try again.',
  'errors.sync.client-outdated':
    'Please update the app: its “{collection}” data version {clientVersion} is older than the town server’s {serverVersion}. Sync resumes after the update.',
  'errors.sync.server-outdated':
    'The town server is older than this app (“{collection}” data version {serverVersion}, this app {clientVersion}). Ask the township administrator to upgrade it.',
  'errors.sync.schema-version-missing':
    'The sync request does not state its data version (header X-Schema-Version). Please update the app.',
  'errors.sync.row-invalid':
    'Record “{id}” does not match the data format and was not uploaded: {reason}',
  'errors.sync.row-forbidden':
    'Record “{id}” is outside what this account may change (another village’s, or published by the township) and was not uploaded.',
  'errors.sync.field-immutable':
    'Field “{field}” of record “{id}” cannot change after creation; this change was not uploaded.',
  'errors.sync.workflow-backward':
    '“{field}” of record “{id}” cannot go back from “{from}” to “{to}”; this change was not uploaded.',
  'errors.sync.batch-too-large': 'At most {max} records can be uploaded at once.',
  'errors.sync.server-unreachable':
    'The town server {url} cannot be reached. Your data is kept on this device and uploads once the connection is back.',
  'errors.sync.server-error': 'The town server failed ({status}). Sync will retry by itself.',
  'errors.sync.not-signed-in': 'Sign in once while online to sync.',
  'errors.sync.upload-stalled':
    'Record “{id}” could not be uploaded (internal error {reason}); it is kept intact on this computer.',
  'errors.http.https-required':
    'The town server only accepts HTTPS. Use an address that starts with https://.',
  'errors.http.payload-too-large':
    'The request is too large (limit {limit} bytes); the town server refused it.',
  'errors.http.origin-forbidden': 'Origin “{origin}” may not use the town server.',
  'errors.ledger.rule-unknown':
    'The rule set has no rule with code “{code}”. Check the code, or add the rule to the rule set first.',
  'errors.ledger.rule-code-duplicate':
    'Rule code “{code}” is used twice: each code may appear once in a rule set version. Give the village’s own item another code.',
  'errors.ledger.rule-invalid':
    'Rule “{code}” is incomplete or contradictory: bonuses need positive points and deductions negative points; give fixed points or a range (lower bound below upper bound); validity is 1 to 240 months; the repeat multiplier 1 to 10; a direct rating applies to deductions only. Correct it and save again.',
  'errors.ledger.points-out-of-range':
    'Points {value} for rule “{code}” are out of range: they must lie between {min} and {max}.',
  'errors.ledger.points-required':
    'Rule “{code}” is decided case by case: enter the points for this entry ({min} to {max}).',
  'errors.ledger.rule-set-not-draft':
    'Version {version} of the rule set is adopted or retired and can no longer be changed. Start a new version from it.',
  'errors.ledger.adoption-incomplete':
    'Enter the date and reference of the villagers’ representative meeting, and keep at least one rule in the rule set.',
  'errors.ledger.no-rule-set':
    'No adopted rule set applies on {date}. Have the villagers’ representative meeting adopt a rule set first, or check the date of the act.',
  'errors.ledger.rule-subject':
    'Rule “{code}” does not apply to “{name}”: personal rules are recorded for residents, household rules for households.',
  'errors.ledger.date-invalid':
    'Date “{value}” is not valid: it must be a real calendar date (year-month-day), a date of an act cannot be later than today, and a due date cannot be earlier than its start.',
  'errors.ledger.quantity-invalid':
    'Quantity “{value}” is not valid: enter a whole number from 1 to 10000.',
  'errors.ledger.duplicate-entry':
    '“{name}” already has a “{code}” entry on {date}; one act is counted once. If that entry is wrong, reverse it and enter it again.',
  'errors.ledger.cap-times-exceeded':
    '“{name}” already has “{code}” {used} times from {from} to {to}; the rule allows at most {limit} in that period, so this entry cannot be recorded.',
  'errors.ledger.cap-points-exceeded':
    '“{name}” already has {used} points for “{code}” from {from} to {to}; the rule allows at most {limit} in that period, so this entry cannot be recorded.',
  'errors.ledger.late-entry':
    'The act happened {days} days ago, more than {limit} days: the entry will be flagged as late, and its validity still runs from the date of the act.',
  'errors.ledger.review-own-entry':
    'You cannot review an entry you recorded yourself; another reviewer must review it.',
  'errors.ledger.review-own-household':
    'This entry concerns you or your own household; leave it to another reviewer.',
  'errors.ledger.state-changed':
    'This record’s status has changed (someone may have dealt with it already), so this action is not possible. Refresh to see it.',
  'errors.ledger.note-required':
    'Give a reason: returning, rejecting, reversing, objecting and deciding an objection all need one.',
  'errors.ledger.notice-period-open':
    'The notice period runs until {endsOn}; the notice can be closed only after it ends.',
  'errors.ledger.notice-empty':
    'Nothing to post: only approved entries that need public notice and are not yet posted can be added.',
  'errors.ledger.balance-insufficient': 'Not enough points: {balance} available, {cost} needed.',
  'errors.ledger.rule-set-exists':
    'The village has already adopted version {version} of its rule set (in force from {effectiveFrom}), so the defaults cannot be adopted. To change it, start a new version from the current one in the app and have the villagers’ representative meeting adopt it.',
  'errors.ledger.subject-missing':
    'Enter an ID number (for a personal rule) or a household number (for a household rule).',
  'errors.ledger.subject-both':
    'Fill in either the ID number or the household number, not both: the ID number for a personal rule, the household number for a household rule.',
  'errors.ledger.resident-unknown':
    'No resident of the village has ID number “{value}”. Check the number, or register the resident first.',
  'errors.ledger.household-unknown':
    'The village has no household numbered “{value}”. Check the number, or register the household first.',
  'errors.ledger.import-empty':
    'The file holds no entries: there is no row under the header. Fill in one row per entry under the header and import again.',
  'errors.ledger.template-file-exists':
    'File {file} already exists and was not overwritten. Choose another name, or move the existing file first.',
  'errors.ledger.actor-unknown':
    'Record “{id}” names as the person who acted an account ({user}) that is neither the one syncing nor one that has signed in on this computer, so it was not uploaded. Have that person sign in on this computer and do it again.',
  'errors.ledger.review-role':
    'The review (approve, return or reject) of record “{id}” must be done by a village reviewer or the village administrator, so it was not uploaded. Have a reviewer sign in and review it.',
  'errors.ledger.review-missing':
    'Record “{id}” became approved or effective without anyone’s review, so it was not uploaded. New entries are submitted for review first; historical ledgers are imported at the township with the town server’s command line.',
  'errors.ledger.withdraw-not-recorder':
    'Only the person who recorded “{id}” may withdraw it; this withdrawal was not uploaded.',
  'errors.ledger.decision-role':
    'This step on record “{id}” (closing a notice, putting an entry into effect or voiding it, deciding an objection, the village’s opinion on a credit repair) must be taken by a village reviewer or the village administrator, so it was not uploaded. Have one of them sign in and take it.',
  'errors.ledger.township-decision-role':
    'Only the township administrator confirms a direct-rating deduction or decides a credit repair, so record “{id}” was not uploaded.',
  'errors.ledger.adoption-role':
    'Only the village administrator records a rule set’s adoption by the villagers’ representative meeting, or its replacement by a new version, so record “{id}” was not uploaded. Have the village administrator sign in and record it.',
  'errors.ledger.balance-entry-role':
    'Record “{id}” was not uploaded: redemption debits and refunds are made by a village clerk or the village administrator, and the year-close reset by the village administrator only.',
  'errors.ledger.notice-published':
    'Notice “{id}” has been posted: its list, period and contact can no longer change and it cannot be deleted, so this change was not uploaded. If it is wrong, withdraw it and draft a new one.',
  ...accountEn,
  ...syncEn,
  ...registerEn,
  ...ledgerEn,
  ...ledgerRecordEn,
  ...ledgerReviewEn,
  ...ledgerNoticesEn,
  ...ledgerFiguresEn,
};
