-- A month of a commune's recordings with every figure known, for the
-- report's tests.  The period is November 2025 in Vietnam (UTC+7): it
-- begins at B = 1761930000 s (01/11/2025 00:00 +07), a day is D = 86400 s,
-- an hour H = 3600 s.  Times below are microseconds; the report is made
-- at B + 31 D (01/12/2025).
--
-- The recorder ran from B - 5 D to B + 10 D (stopped cleanly), again from
-- B + 10 D + 2 H to B + 20 D (cut short: its last minute alive), and from
-- B + 20 D + 6 H on (the run now): down 2 H + 6 H = 8 H in two stops; up
-- 30 D - 8 H = 712 H = 2 563 200 s in November, 120 H in October (from
-- B - 5 D, the first moment it is known to run).
INSERT INTO recorder_runs (started_us, alive_us, stopped_us) VALUES
  ((1761930000 - 5 * 86400) * 1000000, (1761930000 + 10 * 86400) * 1000000, (1761930000 + 10 * 86400) * 1000000),
  ((1761930000 + 10 * 86400 + 2 * 3600) * 1000000, (1761930000 + 20 * 86400) * 1000000, NULL),
  ((1761930000 + 20 * 86400 + 6 * 3600) * 1000000, (1761930000 + 31 * 86400) * 1000000, NULL);

-- Chợ Hoàng Kim (1): budget, at 40,12 on the map.  Out 10 H from B + 1 D
-- (unreachable), and from B + 10 D - 1 H to B + 10 D + 3 H (stalled), of
-- which the 2 H the recorder was down are not the camera's: 10 H + 1 H +
-- 1 H = 12 H = 43 200 s; uptime 1 - 12/712 = 0.98315 (0.9831); the
-- longest 10 H.
-- Ngã ba (2): community, hosted by Nhà ông Ba.  Out 72 H from B + 5 D
-- (refused): uptime 1 - 72/712 = 0.89888 (0.8989), under 0.9: to repair.
-- Its link lost frames on 8 days: to upgrade.
-- Bến đò (3): added at B + 15 D: watched 5 D + (10 D - 6 H) = 354 H =
-- 1 274 400 s, never out.
-- Cổng trường (4): removed at B + 3 D: watched 72 H = 259 200 s.
-- Ngã ba's host is a household, its donor and line are known.
-- All: watched 712 H + 712 H + 354 H + 72 H = 1850 H = 6 660 000 s, out
-- 84 H = 302 400 s: uptime 1 - 84/1850 = 0.95459 (0.9546).
INSERT INTO cameras (id, name, url, place, map_x, map_y, funding, host_name, host_phone,
                     network_by, installed_on, enabled, created_us, updated_us, removed_us) VALUES
  (1, 'Chợ Hoàng Kim', 'rtsp://10.0.0.2/cam', 'Cổng chợ', 40, 12, 'budget', NULL, NULL, NULL,
   '2025-03-15', 1, 1735689600000000, 1735689600000000, NULL),
  (2, 'Ngã ba', 'rtsp://10.0.0.3/cam', 'Ngã ba thôn 3', 10, 5, 'community', 'Nhà ông Ba',
   '0912 345 678', 'Nhà ông Ba (VNPT 30 Mbps)', '2025-06-01', 1, 1735689600000000,
   1735689600000000, NULL),
  (3, 'Bến đò', 'rtsp://10.0.0.4/cam', 'Bến đò', 70, 20, 'budget', NULL, NULL, NULL, NULL, 1,
   (1761930000 + 15 * 86400) * 1000000, (1761930000 + 15 * 86400) * 1000000, NULL),
  (4, 'Cổng trường', 'rtsp://10.0.0.5/cam', 'Trường tiểu học', NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, 1, 1735689600000000, (1761930000 + 3 * 86400) * 1000000,
   (1761930000 + 3 * 86400) * 1000000);
UPDATE cameras SET host_kind = 'household', donor = 'Nhà ông Ba', network_plan = 'VNPT 30 Mbps' WHERE id = 2;

INSERT INTO outages (camera_id, start_us, end_us, reason) VALUES
  (1, (1761930000 + 86400) * 1000000, (1761930000 + 86400 + 10 * 3600) * 1000000, 'unreachable:10.0.0.2:554'),
  (1, (1761930000 + 10 * 86400 - 3600) * 1000000, (1761930000 + 10 * 86400 + 3 * 3600) * 1000000, 'stalled:10'),
  (2, (1761930000 + 5 * 86400) * 1000000, (1761930000 + 8 * 86400) * 1000000, 'refused:10.0.0.3:554');

-- Ngã ba's link: 60 minutes a day from 09:00 on days 2 to 9, each 2000
-- kbit/s at 25 frames a second but for 10 minutes at 5 frames a second:
-- 10 of 60 minutes lost frames (a sixth, over a tenth): 8 weak days;
-- median 2000 kbit/s and 25 frames a second.
WITH RECURSIVE m (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 479)
INSERT INTO link_stats (camera_id, minute_us, bytes, frames)
  SELECT 2, (1761930000 + (1 + i / 60) * 86400 + 2 * 3600 + (i % 60) * 60) * 1000000,
         15000000, CASE WHEN i % 60 < 10 THEN 300 ELSE 1500 END FROM m;

-- Motion: 3 on Chợ Hoàng Kim in November, 1 in October.
INSERT INTO motion_events (camera_id, start_us, end_us) VALUES
  (1, (1761930000 + 2 * 86400) * 1000000, (1761930000 + 2 * 86400 + 30) * 1000000),
  (1, (1761930000 + 3 * 86400) * 1000000, (1761930000 + 3 * 86400 + 30) * 1000000),
  (1, (1761930000 + 4 * 86400) * 1000000, (1761930000 + 4 * 86400 + 30) * 1000000),
  (1, (1761930000 - 2 * 86400) * 1000000, (1761930000 - 2 * 86400 + 30) * 1000000);

-- Incidents: three in November (two thefts at the market gate, one
-- fight at the ferry), one in October.  The footage helped with 1/2025,
-- did not with 2/2025, not said for 3/2025.  3/2025 is placed at 80,30:
-- the nearest camera, Bến đò at 70,20, is 14.1 cells away, more than
-- [report] camera_distance (6): a spot for a camera.
INSERT INTO incidents (id, year, number, kind, from_us, to_us, place, description, officer,
                       status, outcome, footage_helped, closed_us, created_by, created_us,
                       updated_by, updated_us, version, search, map_x, map_y) VALUES
  (1, 2025, 1, 'trom_cap', (1761930000 + 6 * 86400) * 1000000, (1761930000 + 6 * 86400 + 600) * 1000000,
   'Cổng chợ', 'Mất xe máy', 'root', 'closed', 'Đã tìm được xe', 1, (1761930000 + 9 * 86400) * 1000000,
   'root', (1761930000 + 6 * 86400) * 1000000, 'root', (1761930000 + 9 * 86400) * 1000000, 2, '', 40, 12),
  (2, 2025, 2, 'trom_cap', (1761930000 + 12 * 86400) * 1000000, (1761930000 + 12 * 86400 + 600) * 1000000,
   'Cổng chợ', 'Mất ví', 'root', 'closed', 'Không rõ đối tượng', 0, (1761930000 + 14 * 86400) * 1000000,
   'root', (1761930000 + 12 * 86400) * 1000000, 'root', (1761930000 + 14 * 86400) * 1000000, 2, '', NULL, NULL),
  (3, 2025, 3, 'danh_nhau', (1761930000 + 22 * 86400) * 1000000, (1761930000 + 22 * 86400 + 600) * 1000000,
   'Bến đò', 'Xô xát', 'root', 'new', '', NULL, NULL,
   'root', (1761930000 + 22 * 86400) * 1000000, 'root', (1761930000 + 22 * 86400) * 1000000, 1, '', 80, 30),
  (4, 2025, 4, 'gay_roi', (1761930000 - 3 * 86400) * 1000000, (1761930000 - 3 * 86400 + 600) * 1000000,
   'Ngã ba thôn 3', 'Gây rối', 'root', 'new', '', NULL, NULL,
   'root', (1761930000 - 3 * 86400) * 1000000, 'root', (1761930000 - 3 * 86400) * 1000000, 1, '', NULL, NULL);

-- Evidence: 1/2025 on Chợ Hoàng Kim and Ngã ba, 2/2025 on Chợ Hoàng Kim
-- (and a range on Ngã ba taken off: not counted).
INSERT INTO evidence_ranges (incident_id, camera_id, from_us, to_us, added_by, added_us,
                             removed_by, removed_us, removed_reason) VALUES
  (1, 1, (1761930000 + 6 * 86400) * 1000000, (1761930000 + 6 * 86400 + 900) * 1000000, 'root', 1, NULL, NULL, NULL),
  (1, 2, (1761930000 + 6 * 86400) * 1000000, (1761930000 + 6 * 86400 + 900) * 1000000, 'root', 1, NULL, NULL, NULL),
  (2, 1, (1761930000 + 12 * 86400) * 1000000, (1761930000 + 12 * 86400 + 900) * 1000000, 'root', 1, NULL, NULL, NULL),
  (2, 2, (1761930000 + 12 * 86400) * 1000000, (1761930000 + 12 * 86400 + 900) * 1000000, 'root', 1, 'root', 2, 'nhầm camera');

-- Exports: two handed over in November (1000 and 2000 bytes, one for
-- 1/2025), one that failed (not counted), one in October.
INSERT INTO exports (incident_id, camera_id, from_us, to_us, path, bytes, created_by, created_us, state) VALUES
  (1, 1, (1761930000 + 6 * 86400) * 1000000, (1761930000 + 6 * 86400 + 600) * 1000000, 'e1.mp4', 1000, 'root', (1761930000 + 7 * 86400) * 1000000, 'complete'),
  (NULL, 1, (1761930000 + 6 * 86400) * 1000000, (1761930000 + 6 * 86400 + 600) * 1000000, 'e2.mp4', 2000, 'root', (1761930000 + 8 * 86400) * 1000000, 'complete'),
  (NULL, 1, (1761930000 + 6 * 86400) * 1000000, (1761930000 + 6 * 86400 + 600) * 1000000, 'e3.mp4', NULL, 'root', (1761930000 + 8 * 86400) * 1000000, 'failed'),
  (NULL, 1, (1761930000 - 6 * 86400) * 1000000, (1761930000 - 6 * 86400 + 600) * 1000000, 'e4.mp4', 500, 'root', (1761930000 - 6 * 86400) * 1000000, 'complete');

-- Maintenance: in November Chợ Hoàng Kim repaired (350 000 đ) then its
-- camera replaced (1 200 000 đ); a fault on Ngã ba repaired three days
-- later (200 000 đ); a fault on Bến đò not yet repaired (open: to follow
-- up).  In all 2 faults, 2 repairs, 1 replacement, 1 750 000 đ.  In
-- October one fault on Chợ Hoàng Kim, repaired for 100 000 đ.
INSERT INTO maintenance (camera_id, kind, at_us, by_user, by_name, cost, note, old_serial, new_serial, created_us) VALUES
  (1, 'repair', (1761930000 + 2 * 86400) * 1000000, 'canbo', 'Lê Văn Hùng', 350000, 'Thay nguồn 12V', NULL, NULL, 1),
  (1, 'replace', (1761930000 + 11 * 86400) * 1000000, 'canbo', 'Lê Văn Hùng', 1200000, 'Thay camera mới', 'SN-OLD', 'SN-NEW', 1),
  (2, 'fault', (1761930000 + 5 * 86400) * 1000000, 'canbo', NULL, NULL, 'Mất hình', NULL, NULL, 1),
  (2, 'repair', (1761930000 + 8 * 86400) * 1000000, 'canbo', NULL, 200000, 'Thay dây mạng', NULL, NULL, 1),
  (3, 'fault', (1761930000 + 25 * 86400) * 1000000, 'canbo', NULL, NULL, 'Ống kính mờ', NULL, NULL, 1),
  (1, 'fault', (1761930000 - 10 * 86400) * 1000000, 'canbo', NULL, NULL, 'Mất hình', NULL, NULL, 1),
  (1, 'repair', (1761930000 - 9 * 86400) * 1000000, 'canbo', NULL, 100000, 'Cắm lại nguồn', NULL, NULL, 1);
