// node_cot_check.mjs: parses dewline's Cursor on Target XML with @tak-ps/node-cot (an independent
// TAK library from npm) and prints what it understood, one JSON object per line and file.
// Run by cot_node_check_test.cpp from a folder holding node_modules/@tak-ps/node-cot.
import fs from 'node:fs';
import CoT, { CoTTypes } from '@tak-ps/node-cot';

const types = await CoTTypes.default.load();
let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    const cot = new CoT(fs.readFileSync(file, 'utf8'));  // throws on a schema error
    const a = cot.raw.event._attributes;
    const p = cot.raw.event.point._attributes;
    const generic = a.type.replace(/^a-.-/, 'a-.-');
    const desc = types.cots.get(generic);
    const gj = cot.to_geojson();
    console.log(JSON.stringify({
      file, ok: true, type: a.type, how: a.how, uid: a.uid, time: a.time, stale: a.stale,
      hostile: cot.is_hostile(), airborne: cot.is_airborne(),
      lat: Number(p.lat), lon: Number(p.lon), hae: Number(p.hae), ce: Number(p.ce),
      type_full: desc ? desc.full : null,
      course: gj.properties.course ?? null, speed: gj.properties.speed ?? null,
      callsign: gj.properties.callsign ?? null, remarks: gj.properties.remarks ?? null,
      geometry: gj.geometry,
    }));
  } catch (e) {
    failed = true;
    console.log(JSON.stringify({ file, ok: false, error: String(e && e.message ? e.message : e) }));
  }
}
process.exit(failed ? 1 : 0);
