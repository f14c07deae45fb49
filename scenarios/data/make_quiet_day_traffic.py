#!/usr/bin/env python3
"""Writes quiet_day_traffic.json: two made-up flights in the `traffic` library's JSON layout
(timestamp ms, icao24, callsign, latitude, longitude, altitude ft, groundspeed kt, track deg,
vertical_rate ft/min), for scenarios/quiet_day.toml's ADS-B replay. Nothing here is recorded:
the paths are drawn by hand around the library's site (47.3950 N, 8.5850 E) and quantised like
real ADS-B (1e-5 degree, 25 ft), so the replay path of the simulator is exercised without
shipping third-party data. Run from this folder: python3 make_quiet_day_traffic.py"""
import json
import math

LAT0, LON0 = 47.3950, 8.5850
M_PER_DEG_LAT = 111_200.0
M_PER_DEG_LON = M_PER_DEG_LAT * math.cos(math.radians(LAT0))
T0 = 1_717_236_000_000  # 2024-06-01T10:00:00Z


def path(points, speed_mps, step_s):
    """Samples a polyline (x, y, alt_ft) at constant speed every step_s seconds."""
    out = []
    t = 0.0
    for (x0, y0, a0), (x1, y1, a1) in zip(points, points[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        n = max(1, int(length / (speed_mps * step_s)))
        for i in range(n):
            f = i / n
            out.append((t, x0 + f * (x1 - x0), y0 + f * (y1 - y0), a0 + f * (a1 - a0),
                        math.degrees(math.atan2(x1 - x0, y1 - y0)) % 360.0,
                        (a1 - a0) / (length / speed_mps) * 60.0))
            t += step_s
    return out


def records(icao, callsign, samples, speed_mps, start_ms):
    rows = []
    for t, x, y, alt, track, vrate in samples:
        rows.append({
            "timestamp": start_ms + int(round(t * 1000)),
            "icao24": icao,
            "callsign": callsign,
            "latitude": round(LAT0 + y / M_PER_DEG_LAT, 5),
            "longitude": round(LON0 + x / M_PER_DEG_LON, 5),
            "altitude": 25.0 * round(alt / 25.0),
            "groundspeed": round(speed_mps / 0.514444, 1),
            "track": round(track, 1),
            "vertical_rate": 64.0 * round(vrate / 64.0),
        })
    return rows


# A helicopter crossing the site from the south-west to a hospital pad north-east, at 1 Hz.
heli = path([(-6000, -4000, 2400), (-1500, -600, 2200), (800, 900, 2000), (3500, 2600, 1700),
             (5200, 3100, 1500)], 55.0, 1.0)
# A light aeroplane passing east of the site from south to north, at 5 s.
plane = path([(3000, -9000, 3500), (2600, -2000, 3500), (1800, 2500, 3400), (2500, 9000, 3300)],
             50.0, 5.0)
data = records("4b2a91", "HBZQL", heli, 55.0, T0 + 60_000) + \
    records("4b1c07", "HBKFA", plane, 50.0, T0)
data.sort(key=lambda r: (r["timestamp"], r["icao24"]))
with open("quiet_day_traffic.json", "w") as f:
    json.dump(data, f, separators=(",", ":"))
    f.write("\n")
