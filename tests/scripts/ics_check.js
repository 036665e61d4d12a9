// ics_check.js FILE EVENTS CASE - reads an iCalendar itinerary with the
// npm package `ical.js` (an independent RFC 5545 parser) and checks it:
// CRLF line ends and lines of at most 75 octets, VERSION 2.0, PRODID,
// METHOD:PUBLISH, EVENTS VEVENTs with unique UIDs naming CASE (the
// journey, each leg by position, the check), the journey and the
// flight legs timed in UTC, the fit-to-travel check as an all-day event.
// Prints the UIDs, sorted, one a line.
'use strict';
const fs = require('fs');
const ICAL = require('ical.js');

function fail(msg) {
	console.error('FAIL: ' + msg);
	process.exit(1);
}

const [file, want, caseId] = process.argv.slice(2);
const raw = fs.readFileSync(file);
const text = raw.toString('utf8');
if (!text.endsWith('\r\n')) fail('does not end with CRLF');
const lines = text.slice(0, -2).split('\r\n');
lines.forEach((l, i) => {
	if (l.includes('\n') || l.includes('\r')) fail(`line ${i + 1}: bare CR or LF`);
	const n = Buffer.byteLength(l, 'utf8');
	if (n > 75) fail(`line ${i + 1}: ${n} octets`);
});
let cal;
try {
	cal = new ICAL.Component(ICAL.parse(text));
} catch (e) {
	fail('ical.js rejects it: ' + e.message);
}
if (cal.name !== 'vcalendar') fail('root is ' + cal.name);
if (cal.getFirstPropertyValue('version') !== '2.0') fail('VERSION');
if (!cal.getFirstPropertyValue('prodid')) fail('no PRODID');
if (cal.getFirstPropertyValue('method') !== 'PUBLISH') fail('METHOD');
const events = cal.getAllSubcomponents('vevent');
if (events.length !== Number(want)) fail(`${events.length} events, want ${want}`);
const uids = events.map((e) => {
	const uid = e.getFirstPropertyValue('uid');
	if (!uid || !uid.startsWith(caseId + '.')) fail('UID ' + uid + ' does not name the case');
	if (!e.getFirstPropertyValue('dtstamp')) fail('no DTSTAMP in ' + uid);
	const start = e.getFirstPropertyValue('dtstart');
	if (!start) fail('no DTSTART in ' + uid);
	if (uid.startsWith(caseId + '.ftt@')) {
		if (!start.isDate) fail('the check is not an all-day event');
	} else {
		if (start.isDate || start.zone !== ICAL.Timezone.utcTimezone) fail(uid + ': DTSTART not in UTC');
		const end = e.getFirstPropertyValue('dtend');
		if (!end || end.compare(start) <= 0) fail(uid + ': DTEND not after DTSTART');
		const journey = uid.startsWith(caseId + '.journey@');
		if (!journey && !/^[.]leg[123]@/.test(uid.slice(caseId.length))) fail(uid + ': not a leg by position');
		// "Journey TIA-IST-YYZ" in the family's language: the route last,
		// isolated (U+2068 ... U+2069) in right-to-left text
		const re = journey ? /^\S.* \u2068?[A-Z]{3}(-[A-Z]{3}){1,3}\u2069?$/ : /^\S+ [A-Z]{3}-[A-Z]{3}$/;
		if (!re.test(e.getFirstPropertyValue('summary'))) fail(uid + ': SUMMARY');
	}
	return uid;
});
if (new Set(uids).size !== uids.length) fail('UIDs repeat');
console.log(uids.sort().join('\n'));
