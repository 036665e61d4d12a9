// paxlst_check.js FILE TRAVELLERS - reads a PAXLST interchange with the
// npm package `edifact` (an independent UN/EDIFACT parser, syntax level
// from UNB, so a character outside UNOA is an error) and checks its
// envelope: every UNT counts the segments from UNH to UNT and repeats
// the UNH reference, every CNT+42 counts the message's NAD+FL, parts are
// numbered 01:C ... NN:F, UNZ counts the messages and repeats the UNB
// reference, the passengers of all parts add up to TRAVELLERS, and every
// lap infant (unique passenger reference "<adult>/INF") comes right
// after the adult whose reference it carries.
'use strict';
const fs = require('fs');
const { Reader } = require('edifact');

function fail(msg) {
	console.log('FAIL: ' + msg);
	process.exit(1);
}

const [file, want] = process.argv.slice(2);
let segs;
try {
	segs = new Reader().parse(fs.readFileSync(file, 'latin1'));
} catch (e) {
	fail('edifact parser rejects the message: ' + e.message);
}
const el = (s, i, j = 0) => (s.elements[i] || [])[j];
if (!segs.length || segs[0].name !== 'UNB') fail('first segment is ' + (segs[0] || {}).name);
if (el(segs[0], 0) !== 'UNOA') fail('syntax identifier ' + el(segs[0], 0));
const ref = el(segs[0], 4);
let messages = 0, travellers = 0, start = -1, fl = 0, cnt = -1, unhRef = null;
let prevAbo = null, curAbo = null, infants = 0;
const parts = [];
segs.forEach((s, i) => {
	if (s.name === 'UNH') {
		if (start >= 0) fail('UNH inside a message at segment ' + i);
		start = i; fl = 0; cnt = -1; unhRef = el(s, 0);
		if (el(s, 1, 0) !== 'PAXLST' || el(s, 1, 2) !== '02B') fail('UNH message type');
		parts.push([el(s, 3, 0), el(s, 3, 1)]);
	} else if (s.name === 'NAD' && el(s, 0) === 'FL') {
		fl++;
		prevAbo = curAbo;
		curAbo = null;
	} else if (s.name === 'RFF' && el(s, 0, 0) === 'ABO') {
		curAbo = el(s, 0, 1);
		// a lap infant: right after the adult whose reference it carries
		if (curAbo.endsWith('/INF')) {
			if (prevAbo !== curAbo.slice(0, -4)) fail(`infant ${curAbo} does not follow its adult`);
			infants++;
		}
	} else if (s.name === 'CNT' && el(s, 0, 0) === '42') {
		cnt = Number(el(s, 0, 1));
	} else if (s.name === 'UNT') {
		if (start < 0) fail('UNT without UNH');
		const n = i - start + 1;
		if (Number(el(s, 0)) !== n) fail(`UNT says ${el(s, 0)} segments, counted ${n}`);
		if (el(s, 1) !== unhRef) fail('UNT reference differs from UNH');
		if (cnt !== fl) fail(`CNT+42 says ${cnt}, message has ${fl} NAD+FL`);
		travellers += fl; messages++; start = -1;
	}
});
if (start >= 0) fail('message not closed by UNT');
const unz = segs[segs.length - 1];
if (unz.name !== 'UNZ') fail('last segment is ' + unz.name);
if (Number(el(unz, 0)) !== messages) fail(`UNZ says ${el(unz, 0)} messages, counted ${messages}`);
if (el(unz, 1) !== ref) fail('UNZ reference differs from UNB');
parts.forEach(([nn, cf], k) => {
	const wantNN = String(k + 1).padStart(2, '0');
	const wantCF = k === parts.length - 1 ? 'F' : 'C';
	if (nn !== wantNN || cf !== wantCF) fail(`part ${k + 1} is ${nn}:${cf}, want ${wantNN}:${wantCF}`);
});
if (want !== undefined && travellers !== Number(want)) fail(`${travellers} travellers, want ${want}`);
console.log(`ok: ${messages} message(s), ${travellers} travellers (${infants} lap infants linked), ${segs.length} segments`);
