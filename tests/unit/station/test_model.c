/* test_model.c — the station's model of the cameras, fed the daemon's
 * replies as the station receives them: what an officer would see on the
 * screens, and a weak-link verdict that holds still from refresh to
 * refresh. */
#include "unit.h"

#include "common/camera_state.h"
#include "station/history.h"
#include "station/model.h"

#include <locale.h>
#include <string.h>

#define SEC G_GINT64_CONSTANT (1000000)
/* 2026-11-26T18:30:00Z, a whole minute. */
#define T0 (G_GINT64_CONSTANT (1795717800) * SEC)
#define REFRESH (2 * SEC)

static JsonObject *
object (const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonNode *n = json_from_string (json, &error);
  if (n == NULL)
    fail_msg ("bad JSON in the test: %s\n%s", error->message, json);
  JsonObject *o = json_object_ref (json_node_get_object (n));
  json_node_unref (n);
  return o;
}

/* The commune of tests/tui/station.sh, and two cameras more. */
static const char *const camera_list =
  "{\"cameras\": ["
  " {\"name\": \"Trường THCS\", \"place\": \"Cổng truong\", \"map\": [20, 5]},"
  " {\"name\": \"Chợ Hoàng Kim\", \"place\": \"Cổng chợ\", \"map\": [18, 9],"
  "  \"created\": \"2026-11-26T18:00:00.000Z\"},"
  " {\"name\": \"Cổng UBND xã\", \"place\": \"Trụ sở UBND\", \"map\": [35, 8]},"
  " {\"name\": \"Cam 10\", \"place\": \"Bến đò\", \"map\": null},"
  " {\"name\": \"Cam 2\", \"place\": \"Đình làng\", \"map\": null}]}";

/* A status reply; each camera's figures as JSON members. */
static JsonObject *
status_of (const char *truong, const char *cho, const char *ubnd, const char *cam10, const char *cam2)
{
  g_autofree char *json = g_strdup_printf (
    "{\"daemon\": {\"running\": true}, \"cameras\": ["
    " {\"name\": \"Trường THCS\", \"place\": \"Cổng truong\", %s},"
    " {\"name\": \"Chợ Hoàng Kim\", \"place\": \"Cổng chợ\", %s},"
    " {\"name\": \"Cổng UBND xã\", \"place\": \"Trụ sở UBND\", %s},"
    " {\"name\": \"Cam 10\", \"place\": \"Bến đò\", %s},"
    " {\"name\": \"Cam 2\", \"place\": \"Đình làng\", %s}],"
    " \"storage\": {\"recordings_bytes\": 1048576, \"free_bytes\": 2097152, \"alerts\": ["
    "  {\"code\": \"cannot_free\", \"shortfall_bytes\": 1024, \"protected_bytes\": 2048}]}}",
    truong, cho, ubnd, cam10, cam2);
  return object (json);
}

#define RECORDING(rate, fps, up) \
  "\"state\": \"recording\", \"reason\": \"\", \"bitrate\": " #rate ", \"fps\": " #fps \
  ", \"keyframe_interval_ms\": 2000, \"last_frame_age\": 0.1, \"reconnects\": 0, \"uptime_24h\": " #up
#define OFFLINE(reason, up) \
  "\"state\": \"offline\", \"reason\": \"" reason "\", \"bitrate\": 0, \"fps\": 0," \
  " \"keyframe_interval_ms\": null, \"last_frame_age\": null, \"reconnects\": 4, \"uptime_24h\": " #up

/* The commune with everything recording but the UBND camera. */
static CgModel *
commune (void)
{
  CgModel *m = cg_model_new ();
  JsonObject *list = object (camera_list);
  JsonObject *status = status_of (RECORDING (900000, 25, 0.99), RECORDING (1200000, 25, 0.5),
                                  OFFLINE ("refused:192.168.1.20:554", 0.2),
                                  RECORDING (300000, 15, 0.75), RECORDING (2000000, 25, 1.0));
  cg_model_take_status (m, list, status, T0);
  json_object_unref (list);
  json_object_unref (status);
  return m;
}

static char *
names (GPtrArray *cams)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < cams->len; i++)
    g_string_append_printf (s, "%s%s", i ? " | " : "", ((CgStationCamera *) cams->pdata[i])->name);
  return g_string_free (s, FALSE);
}

static void
expect_names (GPtrArray *cams, const char *expected)
{
  g_autofree char *got = names (cams);
  if (!g_str_equal (got, expected))
    fail_msg ("cameras: %s\nexpected: %s", got, expected);
}

static void
test_merge_and_order (void **state)
{
  g_autoptr (CgModel) m = commune ();
  assert_int_equal (cg_model_connection (m), CG_MODEL_CONNECTED);
  assert_null (cg_model_problem (m));
  /* Vietnamese order, numbers as numbers: not "Cam 10" before "Cam 2",
   * not "Cổng" before "Chợ" as bytes would have it. */
  expect_names (cg_model_cameras (m), "Cam 2 | Cam 10 | Chợ Hoàng Kim | Cổng UBND xã | Trường THCS");
  CgStationCamera *cho = cg_model_find (m, "Chợ Hoàng Kim");
  assert_non_null (cho);
  assert_true (cho->has_map);
  assert_int_equal (cho->map_x, 18);
  assert_int_equal (cho->map_y, 9);
  assert_string_equal (cho->place, "Cổng chợ");
  assert_true (cho->created_us == T0 - 30 * 60 * SEC);
  assert_true (cg_model_find (m, "Cam 2")->created_us == 0);
  assert_int_equal (cho->bitrate, 1200000);
  assert_false (cg_model_find (m, "Cam 2")->has_map);
  assert_int_equal (cg_model_recordings_bytes (m), 1048576);
  assert_int_equal (cg_model_free_bytes (m), 2097152);
  assert_int_equal (json_array_get_length (cg_model_alerts (m)), 1);
  assert_int_equal (cg_model_down_count (m), 1);

  /* The sort orders of the Status screen. */
  g_autoptr (GPtrArray) by_state = cg_model_visible (m, NULL, CG_SORT_STATE);
  expect_names (by_state, "Cổng UBND xã | Cam 2 | Cam 10 | Chợ Hoàng Kim | Trường THCS");
  g_autoptr (GPtrArray) by_rate = cg_model_visible (m, NULL, CG_SORT_BITRATE);
  expect_names (by_rate, "Cổng UBND xã | Cam 10 | Trường THCS | Chợ Hoàng Kim | Cam 2");
  g_autoptr (GPtrArray) by_uptime = cg_model_visible (m, NULL, CG_SORT_UPTIME);
  expect_names (by_uptime, "Cổng UBND xã | Chợ Hoàng Kim | Cam 10 | Trường THCS | Cam 2");

  /* Days kept come from storage.status, and stay across refreshes. */
  JsonObject *storage = object ("{\"cameras\": [{\"name\": \"Chợ Hoàng Kim\", \"days_kept\": 12.5}]}");
  cg_model_take_storage (m, storage);
  json_object_unref (storage);
  assert_true (cg_model_find (m, "Chợ Hoàng Kim")->days_kept == 12.5);
  assert_true (cg_model_find (m, "Cam 2")->days_kept < 0);
  JsonObject *list = object (camera_list);
  JsonObject *status = status_of (RECORDING (1, 25, 1), RECORDING (1, 25, 1), RECORDING (1, 25, 1),
                                  RECORDING (1, 25, 1), RECORDING (1, 25, 1));
  cg_model_take_status (m, list, status, T0 + REFRESH);
  json_object_unref (list);
  json_object_unref (status);
  assert_true (cg_model_find (m, "Chợ Hoàng Kim")->days_kept == 12.5);

  /* A camera.state notification between refreshes. */
  JsonObject *note = object ("{\"name\": \"Trường THCS\", \"state\": \"stalled\", \"reason\": \"stalled:10\"}");
  assert_true (cg_model_take_state (m, note));
  json_object_unref (note);
  assert_string_equal (cg_model_state (m, cg_model_find (m, "Trường THCS")), CG_STATE_STALLED);
  note = object ("{\"name\": \"Không có\", \"state\": \"offline\"}");
  assert_false (cg_model_take_state (m, note));
  json_object_unref (note);
}

static void
test_filter (void **state)
{
  g_autoptr (CgModel) m = commune ();
  /* Typed with or without accents, in any case: the screen may show
   * "Cho Hoang Kim" on a terminal without UTF-8. */
  const char *typed[] = { "cho", "Chợ", "CHO", "chợ hoàng", "hoang kim", "Cho Hoang Kim" };
  for (size_t i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr (GPtrArray) v = cg_model_visible (m, typed[i], CG_SORT_NAME);
      if (v->len != 1 || !g_str_equal (((CgStationCamera *) v->pdata[0])->name, "Chợ Hoàng Kim"))
        fail_msg ("filter “%s” shows: %s", typed[i], names (v));
    }
  /* The place counts too: "truong" is the school and its gate. */
  g_autoptr (GPtrArray) school = cg_model_visible (m, "truong", CG_SORT_NAME);
  expect_names (school, "Trường THCS");
  g_autoptr (GPtrArray) ferry = cg_model_visible (m, "ben do", CG_SORT_NAME);
  expect_names (ferry, "Cam 10");
  g_autoptr (GPtrArray) dinh = cg_model_visible (m, "đình", CG_SORT_NAME);
  expect_names (dinh, "Cam 2");
  g_autoptr (GPtrArray) cong = cg_model_visible (m, "cong", CG_SORT_NAME);
  expect_names (cong, "Chợ Hoàng Kim | Cổng UBND xã | Trường THCS");
  g_autoptr (GPtrArray) none = cg_model_visible (m, "chùa", CG_SORT_NAME);
  assert_int_equal (none->len, 0);
  g_autofree char *why = cg_model_empty_text (m, "chùa");
  assert_string_equal (why, "No camera matches the filter.");
  g_autoptr (GPtrArray) all = cg_model_visible (m, "", CG_SORT_NAME);
  assert_int_equal (all->len, 5);
}

/* Never "recording" in green beside "NO CONNECTION to canhgacd". */
static void
test_stale_is_unknown (void **state)
{
  g_autoptr (CgModel) m = commune ();
  cg_model_lost (m, "connection refused");
  assert_int_equal (cg_model_connection (m), CG_MODEL_STALE);
  assert_string_equal (cg_model_problem (m), "connection refused");
  GPtrArray *cams = cg_model_cameras (m);
  assert_int_equal (cams->len, 5);
  for (guint i = 0; i < cams->len; i++)
    {
      CgStationCamera *c = cams->pdata[i];
      assert_string_equal (cg_model_state (m, c), CG_STATE_UNKNOWN);
      assert_false (cg_model_is_live (m, c));
      assert_int_equal (cg_camera_state_role (cg_model_state (m, c)), CG_STATE_ROLE_MUTED);
      gboolean warning = TRUE;
      g_autofree char *advice = cg_model_advice (m, c, &warning);
      assert_string_equal (advice, "");
      assert_false (warning);
    }
  /* Not "0 down" because all is well, but because nothing is known. */
  assert_int_equal (cg_model_down_count (m), 0);
  /* A camera.state notification cannot arrive without the daemon; the
   * next refresh brings the truth back. */
  JsonObject *list = object (camera_list);
  JsonObject *status = status_of (RECORDING (1, 25, 1), RECORDING (1, 25, 1), RECORDING (1, 25, 1),
                                  RECORDING (1, 25, 1), OFFLINE ("unreachable:10.0.0.2:554", 0));
  cg_model_take_status (m, list, status, T0 + REFRESH);
  json_object_unref (list);
  json_object_unref (status);
  assert_int_equal (cg_model_connection (m), CG_MODEL_CONNECTED);
  assert_string_equal (cg_model_state (m, cg_model_find (m, "Chợ Hoàng Kim")), CG_STATE_RECORDING);
  assert_string_equal (cg_model_state (m, cg_model_find (m, "Cam 2")), CG_STATE_OFFLINE);
}

/* Not "no cameras yet: add one" when the daemon was never reached. */
static void
test_never_reached (void **state)
{
  g_autoptr (CgModel) m = cg_model_new ();
  assert_int_equal (cg_model_connection (m), CG_MODEL_NEVER_REACHED);
  cg_model_lost (m, "no such file or directory: /run/canhgac/canhgacd.sock");
  assert_int_equal (cg_model_connection (m), CG_MODEL_NEVER_REACHED);
  g_autofree char *text = cg_model_empty_text (m, NULL);
  assert_string_equal (text, "cannot reach canhgacd: no such file or directory: /run/canhgac/canhgacd.sock");
  g_autofree char *filtered = cg_model_empty_text (m, "cho");
  assert_non_null (strstr (filtered, "cannot reach canhgacd"));
  /* Reached, with no cameras: now it is the advice to add some. */
  JsonObject *list = object ("{\"cameras\": []}");
  JsonObject *status = object ("{\"cameras\": [], \"storage\": {}}");
  cg_model_take_status (m, list, status, T0);
  json_object_unref (list);
  json_object_unref (status);
  g_autofree char *empty = cg_model_empty_text (m, NULL);
  assert_non_null (strstr (empty, "No cameras yet"));
}

/* What an officer reads for a camera that does not record: what to do
 * about that reason, not a generic check-the-power. */
static void
test_advice_by_reason (void **state)
{
  g_autoptr (CgModel) m = cg_model_new ();
  JsonObject *list = object (camera_list);
  JsonObject *status = status_of (OFFLINE ("refused:192.168.1.20:554", 0),
                                  OFFLINE ("unreachable:192.168.1.21:554", 0), OFFLINE ("auth", 0),
                                  RECORDING (1, 25, 1), "\"state\": \"disabled\", \"reason\": \"\"");
  cg_model_take_status (m, list, status, T0);
  json_object_unref (list);
  json_object_unref (status);
  gboolean warning = TRUE;
  g_autofree char *refused = cg_model_advice (m, cg_model_find (m, "Trường THCS"), &warning);
  assert_false (warning);
  if (strstr (refused, "port") == NULL || strstr (refused, "RTSP") == NULL || strstr (refused, "power") != NULL)
    fail_msg ("a refused connection is not about the port and RTSP: %s", refused);
  assert_non_null (strstr (refused, "192.168.1.20:554"));
  g_autofree char *unreachable = cg_model_advice (m, cg_model_find (m, "Chợ Hoàng Kim"), NULL);
  if (strstr (unreachable, "power") == NULL || strstr (unreachable, "router") == NULL)
    fail_msg ("no answer is not about the power and the household's modem: %s", unreachable);
  g_autofree char *auth = cg_model_advice (m, cg_model_find (m, "Cổng UBND xã"), NULL);
  assert_non_null (strstr (auth, "user name or password"));
  g_autofree char *fine = cg_model_advice (m, cg_model_find (m, "Cam 10"), &warning);
  assert_string_equal (fine, "");
  assert_false (warning);
  g_autofree char *off = cg_model_advice (m, cg_model_find (m, "Cam 2"), NULL);
  assert_string_equal (off, "");
}

/* ---- the weak-link verdict ------------------------------------------------ */

typedef struct {
  CgLinkJudge judge;
  gint64 now;
  gint64 reconnects;
  int flips;      /* verdict changes */
  int weak_steps; /* refreshes judged weak */
} Run;

static void
run_start (Run *r)
{
  cg_link_judge_init (&r->judge);
  r->now = T0;
  r->reconnects = 0;
  r->flips = 0;
  r->weak_steps = 0;
}

/* One refresh: live or not, its frame rate, keyframe interval and last
 * frame age. */
static void
refresh (Run *r, gboolean live, double fps, gint64 kf_ms, double age)
{
  gboolean before = r->judge.weak;
  CgLinkSample s = { .at_us = r->now, .live = live, .fps = live ? fps : 0, .keyframe_interval_ms = kf_ms,
                     .last_frame_age = age, .reconnects = r->reconnects };
  cg_link_judge_step (&r->judge, &s);
  r->now += REFRESH;
  r->flips += r->judge.weak != before;
  r->weak_steps += r->judge.weak;
}

static void
healthy (Run *r, int n)
{
  for (int i = 0; i < n; i++)
    refresh (r, TRUE, 25, 2000, 0.04);
}

/* A camera on a throttled uplink: a burst of frames gets through, then
 * whole GOPs are lost; measured over the daemon's restarting window, its
 * rate is mostly low with the odd normal reading. */
static void
test_throttled_is_weak_and_stays_weak (void **state)
{
  static const double rates[] = { 6, 8, 24, 7, 9, 24, 5, 8, 25, 6, 7, 23, 9, 4, 24, 8, 6, 25, 7, 9 };
  Run r;
  run_start (&r);
  healthy (&r, 5);
  assert_false (r.judge.weak);
  int plain_recording_after_weak = 0;
  for (int round = 0; round < 5; round++)
    for (size_t i = 0; i < G_N_ELEMENTS (rates); i++)
      {
        refresh (&r, TRUE, rates[i], 2000, rates[i] > 20 ? 0.04 : 1.6);
        if (r.flips > 0 && !r.judge.weak)
          plain_recording_after_weak++;
      }
  /* Weak within a few refreshes, then never back to plain "recording"
   * for a normal reading now and then. */
  assert_true (r.judge.weak);
  assert_int_equal (r.judge.cause, CG_LINK_FRAMES_LOST);
  assert_int_equal (r.flips, 1);
  assert_int_equal (plain_recording_after_weak, 0);
  assert_true (r.weak_steps >= 5 * (int) G_N_ELEMENTS (rates) - 3);
  /* The advice says what to do about lost frames. */
  assert_non_null (strstr (cg_link_cause_advice (r.judge.cause), "sub-stream"));

  /* Fixed: cleared only after CG_LINK_CLEAR_GOOD good refreshes. */
  healthy (&r, CG_LINK_CLEAR_GOOD - 1);
  assert_true (r.judge.weak);
  healthy (&r, 1);
  assert_false (r.judge.weak);
  assert_int_equal (r.judge.cause, CG_LINK_FINE);
  assert_int_equal (r.flips, 2);
}

/* One reconnection is not a weak link: the daemon's rate window still
 * holds the outage for a few seconds. */
static void
test_fresh_reconnect_is_not_weak (void **state)
{
  Run r;
  run_start (&r);
  healthy (&r, 20);
  /* The camera drops, is offline for three refreshes, comes back. */
  r.reconnects++;
  for (int i = 0; i < 3; i++)
    refresh (&r, FALSE, 0, 0, 6.0 + i * 2);
  r.reconnects++;
  static const double window[] = { 2, 5, 9, 14, 19, 22, 25 };
  for (size_t i = 0; i < G_N_ELEMENTS (window); i++)
    refresh (&r, TRUE, window[i], i == 0 ? 0 : 2000, 0.04);
  healthy (&r, 20);
  assert_int_equal (r.weak_steps, 0);
  assert_int_equal (r.flips, 0);

  /* Also when the reconnection happened between two refreshes (never
   * seen offline): the counter tells. */
  r.reconnects++;
  refresh (&r, TRUE, 3, 2000, 0.04);
  refresh (&r, TRUE, 6, 2000, 0.04);
  refresh (&r, TRUE, 11, 2000, 0.04);
  healthy (&r, 10);
  assert_int_equal (r.weak_steps, 0);
}

/* Dropping again and again is weak, even when each time it comes back
 * at full rate. */
static void
test_keeps_dropping (void **state)
{
  Run r;
  run_start (&r);
  healthy (&r, 10);
  for (int drop = 0; drop < CG_LINK_DROPS; drop++)
    {
      r.reconnects++;
      refresh (&r, FALSE, 0, 0, 5);
      r.reconnects++;
      healthy (&r, 15); /* 30 s recording between drops */
    }
  assert_true (r.judge.weak);
  assert_int_equal (r.judge.cause, CG_LINK_DROPPING);
  assert_non_null (strstr (cg_link_cause_advice (r.judge.cause), "keeps dropping"));
  assert_int_equal (r.flips, 1);
  /* Offline retries do not count as drops: a camera that is simply off
   * for a while is offline, not weak. */
  Run off;
  run_start (&off);
  healthy (&off, 10);
  off.reconnects++;
  for (int i = 0; i < 40; i++)
    {
      off.reconnects++;
      refresh (&off, FALSE, 0, 0, 5 + i);
    }
  healthy (&off, 30);
  assert_int_equal (off.weak_steps, 0);
  /* Ten minutes later, the drops are forgotten and the verdict clears. */
  for (int i = 0; i < 300 && r.judge.weak; i++)
    healthy (&r, 1);
  assert_false (r.judge.weak);
  assert_true (r.now - T0 > CG_LINK_DROPS_WINDOW_US);
}

static void
test_other_causes (void **state)
{
  /* Keyframes 10 s apart: a camera setting, said as such. */
  Run r;
  run_start (&r);
  for (int i = 0; i < CG_LINK_WEAK_BAD; i++)
    refresh (&r, TRUE, 25, 10000, 0.04);
  assert_true (r.judge.weak);
  assert_int_equal (r.judge.cause, CG_LINK_KEYFRAMES_FAR);
  assert_non_null (strstr (cg_link_cause_advice (r.judge.cause), "GOP"));
  /* Pictures stop for seconds at a time while "recording". */
  run_start (&r);
  healthy (&r, 3);
  for (int i = 0; i < 4; i++)
    refresh (&r, TRUE, 24, 2000, 4.5);
  assert_true (r.judge.weak);
  assert_int_equal (r.judge.cause, CG_LINK_FRAMES_LOST);
  /* A single bad refresh among good ones is nothing. */
  run_start (&r);
  for (int i = 0; i < 50; i++)
    refresh (&r, TRUE, i % 7 == 3 ? 6 : 25, 2000, 0.04);
  assert_int_equal (r.weak_steps, 0);
  /* A camera set to 12 frames/s is not weak for it. */
  run_start (&r);
  for (int i = 0; i < 50; i++)
    refresh (&r, TRUE, 12, 2000, 0.1);
  assert_int_equal (r.weak_steps, 0);
}

/* The model keeps each camera's verdict from refresh to refresh and
 * shows its advice in the warning colour. */
static void
test_model_keeps_verdicts (void **state)
{
  g_autoptr (CgModel) m = cg_model_new ();
  JsonObject *list = object (camera_list);
  for (int i = 0; i < 8; i++)
    {
      JsonObject *status = status_of (RECORDING (900000, 25, 1), RECORDING (200000, 5, 1),
                                      RECORDING (900000, 25, 1), RECORDING (900000, 25, 1),
                                      RECORDING (900000, 25, 1));
      cg_model_take_status (m, list, status, T0 + i * REFRESH);
      json_object_unref (status);
    }
  json_object_unref (list);
  CgStationCamera *cho = cg_model_find (m, "Chợ Hoàng Kim");
  assert_true (cho->link.weak);
  gboolean warning = FALSE;
  g_autofree char *advice = cg_model_advice (m, cho, &warning);
  assert_true (warning);
  assert_non_null (strstr (advice, "frames are lost"));
  assert_false (cg_model_find (m, "Trường THCS")->link.weak);
  /* Stale: no advice about an old state. */
  cg_model_lost (m, "gone");
  g_autofree char *stale = cg_model_advice (m, cho, &warning);
  assert_string_equal (stale, "");
}

/* ---- the camera's page ------------------------------------------------------ */

static void
test_history (void **state)
{
  JsonObject *stats = object (
    "{\"camera\": \"Chợ Hoàng Kim\", \"minutes\": ["
    " {\"time\": \"2026-11-26T18:20:00.000Z\", \"bytes\": 7500000, \"frames\": 1500, \"keyframes\": 30,"
    "  \"keyframe_interval_ms\": 2000, \"gaps\": 0, \"reconnects\": 0},"
    " {\"time\": \"2026-11-26T18:29:00.000Z\", \"bytes\": 750000, \"frames\": 300, \"keyframes\": 6,"
    "  \"keyframe_interval_ms\": 2000, \"gaps\": 12, \"reconnects\": 2},"
    " {\"time\": \"2026-11-26T16:00:00.000Z\", \"bytes\": 1, \"frames\": 1}]}");
  g_autoptr (GArray) h = cg_link_history_parse (stats, T0 + 30 * SEC, 60);
  json_object_unref (stats);
  assert_int_equal (h->len, 61);
  CgLinkMinute *last = &g_array_index (h, CgLinkMinute, 60);
  assert_true (last->minute_us == T0);
  assert_false (last->heard);
  CgLinkMinute *bad = &g_array_index (h, CgLinkMinute, 59);
  assert_true (bad->heard);
  assert_int_equal (bad->gaps, 12);
  assert_int_equal (bad->reconnects, 2);
  assert_true (bad->kbits > 99.9 && bad->kbits < 100.1);
  assert_true (bad->fps > 4.9 && bad->fps < 5.1);
  CgLinkMinute *good = &g_array_index (h, CgLinkMinute, 50);
  assert_true (good->heard);
  assert_true (good->kbits > 999.9 && good->kbits < 1000.1);
  int heard = 0;
  for (guint i = 0; i < h->len; i++)
    heard += g_array_index (h, CgLinkMinute, i).heard;
  /* The minute from two hours ago is not drawn an hour ago. */
  assert_int_equal (heard, 2);

  JsonObject *rec = object (
    "{\"camera\": \"Chợ Hoàng Kim\", \"segments\": [], \"gaps\": ["
    " {\"start\": \"2026-11-26T10:00:00.000Z\", \"end\": \"2026-11-26T10:05:00.000Z\", \"reason\": \"not_recording\"},"
    " {\"start\": \"2026-11-26T12:00:00.000Z\", \"end\": \"2026-11-26T12:01:00.000Z\", \"reason\": \"unreachable:10.0.0.2:554\"},"
    " {\"start\": \"2026-11-26T18:00:00.000Z\", \"end\": \"2026-11-26T18:02:00.000Z\", \"reason\": \"stalled:10\"}]}");
  g_autoptr (GPtrArray) outages = cg_outages_parse (rec, 2);
  json_object_unref (rec);
  assert_int_equal (outages->len, 2);
  CgOutage *latest = outages->pdata[0];
  assert_string_equal (latest->reason, "stalled:10");
  assert_true (latest->end_us - latest->start_us == 120 * SEC);
  assert_string_equal (((CgOutage *) outages->pdata[1])->reason, "unreachable:10.0.0.2:554");

  /* The chart: one cell a minute, the last 5 here; the busy minute full,
   * the weak one low, the silent ones blank and marked. */
  double max = 0;
  g_autofree char *bars = cg_link_history_bars (h, 12, FALSE, &max);
  assert_true (max > 999.9 && max < 1000.1);
  assert_string_equal (bars, " #        _ ");
  g_autofree char *marks = cg_link_history_marks (h, 12);
  assert_string_equal (marks, "- --------x-");
  g_autofree char *utf8 = cg_link_history_bars (h, 2, TRUE, NULL);
  assert_string_equal (utf8, "▁ ");

  /* The time axis under an hour's chart, in Hanoi time. */
  g_autoptr (GTimeZone) hanoi = g_time_zone_new_identifier ("ICT-7");
  g_autofree char *axis = cg_history_axis (T0 - 25 * 60 * SEC, 30, hanoi);
  assert_int_equal (strlen (axis), 30);
  /* 18:05Z is 01:05 in Hanoi: labels at 01:10, 01:20 and 01:30. */
  assert_string_equal (axis, "     01:10     01:20     01:30");
  g_autofree char *cut = cg_history_axis (T0 - 25 * 60 * SEC, 28, hanoi);
  assert_string_equal (cut, "     01:10     01:20        ");
}

/* The label over an old picture: its state, when it was taken, how long
 * ago, to the minute once a minute has passed. */
static void
test_picture_age (void **state)
{
  g_autoptr (GTimeZone) hanoi = g_time_zone_new_identifier ("ICT-7");
  /* T0 is 01:30 in Hanoi, 27/11. */
  g_autofree char *five = cg_picture_age_text ("offline", T0 - 5 * 60 * SEC - 7 * SEC, T0, hanoi);
  assert_string_equal (five, "Offline · picture at 01:24, 5 min ago");
  g_autofree char *secs = cg_picture_age_text ("stalled", T0 - 42 * SEC, T0, hanoi);
  assert_string_equal (secs, "Stalled · picture at 01:29, 42 s ago");
  g_autofree char *hours = cg_picture_age_text ("offline", T0 - 75 * 60 * SEC - 30 * SEC, T0, hanoi);
  assert_string_equal (hours, "Offline · picture at 00:14, 1 h 15 min ago");
  /* Yesterday's: the day too. */
  g_autofree char *old = cg_picture_age_text ("offline", T0 - 3 * 3600 * SEC, T0, hanoi);
  assert_string_equal (old, "Offline · picture at 26/11 22:30, 3 h ago");
  /* A clock a little behind: never "-3 s ago". */
  g_autofree char *ahead = cg_picture_age_text ("offline", T0 + 3 * SEC, T0, hanoi);
  assert_string_equal (ahead, "Offline · picture at 01:30, 0 s ago");
  /* No time known: the state alone. */
  g_autofree char *none = cg_picture_age_text ("offline", 0, T0, hanoi);
  assert_string_equal (none, "Offline");
  g_autofree char *vi = cg_picture_age_text ("mất kết nối", 0, T0, hanoi);
  assert_string_equal (vi, "Mất kết nối");
}

int
main (void)
{
  /* The station over a bare SSH session: nothing here may depend on
   * the locale. */
  setlocale (LC_ALL, "C");
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_picture_age),
    cmocka_unit_test (test_merge_and_order),
    cmocka_unit_test (test_filter),
    cmocka_unit_test (test_stale_is_unknown),
    cmocka_unit_test (test_never_reached),
    cmocka_unit_test (test_advice_by_reason),
    cmocka_unit_test (test_throttled_is_weak_and_stays_weak),
    cmocka_unit_test (test_fresh_reconnect_is_not_weak),
    cmocka_unit_test (test_keeps_dropping),
    cmocka_unit_test (test_other_causes),
    cmocka_unit_test (test_model_keeps_verdicts),
    cmocka_unit_test (test_history),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
