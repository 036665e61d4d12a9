// ics_follow.js FILE... - a calendar that imports iCalendar files in
// order, as a phone's calendar does, with the npm package `ical.js` (an
// independent RFC 5545 parser): an event replaces the one with its UID
// when its SEQUENCE is not lower; METHOD:CANCEL or STATUS:CANCELLED
// removes it.  Prints what the calendar holds at the end, as JSON:
// [{"uid", "start", "end", "summary", "status", "sequence"}] by UID,
// times in UTC ISO 8601 ("2026-12-14T05:15:00Z"), all-day dates as
// "2026-12-12".  Exits 1 on a file ical.js rejects.
'use strict';
const fs = require('fs');
const ICAL = require('ical.js');

const cal = new Map();
const stamp = (t) => (t ? (t.isDate ? t.toString() : t.toJSDate().toISOString().replace('.000', '')) : null);

for (const file of process.argv.slice(2)) {
	let root;
	try {
		root = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
	} catch (e) {
		console.error(`FAIL: ${file}: ical.js rejects it: ${e.message}`);
		process.exit(1);
	}
	const method = root.getFirstPropertyValue('method');
	for (const ev of root.getAllSubcomponents('vevent')) {
		const uid = ev.getFirstPropertyValue('uid');
		const seq = Number(ev.getFirstPropertyValue('sequence') || 0);
		const status = ev.getFirstPropertyValue('status');
		const old = cal.get(uid);
		if (old && seq < old.sequence)
			continue; // an older version: calendars keep theirs
		if (method === 'CANCEL' || status === 'CANCELLED') {
			cal.delete(uid);
			continue;
		}
		cal.set(uid, {
			uid, sequence: seq, status,
			summary: ev.getFirstPropertyValue('summary'),
			start: stamp(ev.getFirstPropertyValue('dtstart')),
			end: stamp(ev.getFirstPropertyValue('dtend')),
		});
	}
}
console.log(JSON.stringify([...cal.values()].sort((a, b) => (a.uid < b.uid ? -1 : 1))));
