/* screens/reports.c — F7 Báo cáo: the periodic report of a period the
 * officer chooses (this month, last month, ... or typed), its summary
 * (totals compared with the period before, each camera's share of time
 * recorded and the incidents by kind as bars, the recommendations in
 * words), and the report written as an HTML page (h), text (t) or CSV (c)
 * where the station hands files over: the directory it was started in,
 * else the officer's home. */
#include "build-config.h"

#include "client/report.h"
#include "client/report_words.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/period.h"
#include "common/text.h"
#include "station/report_view.h"
#include "station/screen.h"

#include <unistd.h>

typedef struct
{
  CgStation *st;
  CgReportChoice choice;
  char *typed;           /* the period typed, once read */
  CgTextField *edit;     /* typing a period */
  gboolean editing;
  char *loaded;          /* the code of the report held */
  JsonNode *reply;       /* report.get's result, or NULL */
  char *error;           /* why there is none */
  char *note;            /* what the last key did (a file written) */
  int scroll;
  int rows, cols;
} Reports;

static gpointer
rep_open (CgStation *st)
{
  Reports *r = g_new0 (Reports, 1);
  r->st = st;
  r->choice = CG_REPORT_CHOICE_LAST_MONTH;
  r->edit = cg_text_field_new (40);
  return r;
}

static void
rep_close (gpointer self)
{
  Reports *r = self;
  g_free (r->typed);
  cg_text_field_free (r->edit);
  g_free (r->loaded);
  if (r->reply != NULL)
    json_node_unref (r->reply);
  g_free (r->error);
  g_free (r->note);
  g_free (r);
}

static void
rep_resize (gpointer self, int rows, int cols)
{
  Reports *r = self;
  r->rows = rows;
  r->cols = cols;
}

/* The code of the period chosen now, or NULL (typed, nothing yet). */
static char *
wanted (Reports *r)
{
  if (r->choice == CG_REPORT_CHOICE_TYPED)
    return g_strdup (r->typed);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  return cg_report_choice_code (r->choice, &today);
}

static void
set_text (char **where, char *text)
{
  g_free (*where);
  *where = text;
}

/* report.get for the period chosen, when it is not the one held. */
static void
rep_update (gpointer self)
{
  Reports *r = self;
  g_autofree char *code = wanted (r);
  if (code == NULL || r->st->client == NULL || g_strcmp0 (code, r->loaded) == 0)
    return;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_string (b, "period", code);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (GError) error = NULL;
  JsonNode *reply = cg_client_call (r->st->client, "report.get", params, NULL, &error);
  set_text (&r->loaded, g_strdup (code));
  if (r->reply != NULL)
    json_node_unref (r->reply);
  r->reply = reply != NULL && JSON_NODE_HOLDS_OBJECT (reply) ? reply : NULL;
  if (reply != NULL && r->reply == NULL)
    json_node_unref (reply);
  set_text (&r->error, r->reply == NULL ? g_strdup (error != NULL ? error->message
                                                                  : _("the daemon sent no report"))
                                        : NULL);
  r->scroll = 0;
}

/* ---- drawing ----------------------------------------------------------------------- */

static char *
head_line (Reports *r)
{
  g_autofree char *code = wanted (r);
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, r->st->utf8 ? "%s ◂ %s ▸" : "%s < %s >", _("Period:"),
                          cg_report_choice_label (r->choice));
  if (r->editing)
    {
      g_autofree char *view = cg_text_field_view (r->edit, 26, NULL);
      g_string_append_printf (s, "  %s_  (%s)", view, _("Enter: read, Esc: cancel"));
    }
  else if (code != NULL)
    g_string_append_printf (s, "  %s", code);
  return g_string_free (s, FALSE);
}

static void
rep_paint (gpointer self, WINDOW *win, int rows, int cols)
{
  Reports *r = self;
  g_autofree char *head = head_line (r);
  wattron (win, A_BOLD);
  cg_draw_text (win, 0, 1, cols - 2, head, FALSE);
  wattroff (win, A_BOLD);
  /* Two lines at the foot: the keys, or what the last one did (a path
   * may be long). */
  int foot = rows - 2;
  const char *hint = r->note != NULL ? r->note
                     : _("←/→: period  p: type one  h: write HTML  t: text  c: CSV  ↑/↓: scroll");
  cg_draw_paragraph (win, foot, 1, cols - 2, 2, hint);
  int top = 2, height = foot - top - 1;
  if (r->error != NULL)
    {
      cg_draw_paragraph (win, top, 1, cols - 2, height, r->error);
      return;
    }
  if (r->reply == NULL)
    {
      const char *why = r->st->client == NULL ? _("The daemon cannot be reached: no report.")
                        : r->choice == CG_REPORT_CHOICE_TYPED && r->typed == NULL
                          ? _("Type a period: 2026-11, 2026-Q4, 2026-H2, 2026, or "
                              "01/11/2026..30/11/2026.")
                          : _("Asking the daemon for the report...");
      cg_draw_paragraph (win, top, 1, cols - 2, height, why);
      return;
    }
  g_autoptr (GPtrArray) lines = cg_report_summary (json_node_get_object (r->reply), cols - 2,
                                                   r->st->utf8);
  r->scroll = CLAMP (r->scroll, 0, MAX ((int) lines->len - height, 0));
  for (int i = 0; i < height && r->scroll + i < (int) lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, r->scroll + i);
      gboolean heading = r->scroll + i == 0;
      if (heading)
        wattron (win, A_BOLD);
      cg_draw_text (win, top + i, 1, cols - 2, line, FALSE);
      if (heading)
        wattroff (win, A_BOLD);
    }
}

/* ---- keys ---------------------------------------------------------------------------- */

static int
change_period (gpointer self, int key)
{
  Reports *r = self;
  int step = key == CG_KEY_LEFT ? -1 : 1;
  r->choice = (CgReportChoice) ((r->choice + step + CG_REPORT_CHOICES) % CG_REPORT_CHOICES);
  set_text (&r->note, NULL);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
type_period (gpointer self, int key)
{
  Reports *r = self;
  r->editing = TRUE;
  cg_text_field_set_text (r->edit, r->typed != NULL ? r->typed : "");
  set_text (&r->note, NULL);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
scroll_summary (gpointer self, int key)
{
  Reports *r = self;
  int page = MAX (r->rows - 4, 1);
  r->scroll += key == CG_KEY_UP ? -1 : key == CG_KEY_DOWN ? 1 : key == CG_KEY_PAGE_UP ? -page : page;
  r->scroll = MAX (r->scroll, 0);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Where the station hands files over (as playback's exports). */
static char *
output_dir (void)
{
  g_autofree char *here = g_get_current_dir ();
  if (access (here, W_OK) == 0)
    return g_steal_pointer (&here);
  return g_strdup (g_get_home_dir ());
}

static int
write_report (gpointer self, int key)
{
  Reports *r = self;
  if (r->reply == NULL)
    {
      beep ();
      return CG_KEY_HANDLED;
    }
  CgReportFormat format = key == 'h' ? CG_REPORT_FORMAT_HTML
                          : key == 'c' ? CG_REPORT_FORMAT_CSV : CG_REPORT_FORMAT_TEXT;
  JsonObject *reply = json_node_get_object (r->reply);
  g_autofree char *stem = cg_report_file_stem (reply);
  g_autofree char *dir = output_dir ();
  g_autoptr (GError) error = NULL;
  /* A new name beside any report written before: never over one. */
  for (int n = 1; n < 100; n++)
    {
      g_autofree char *base = n == 1
        ? g_strdup_printf ("%s.%s", stem, cg_report_format_extension (format))
        : g_strdup_printf ("%s-%d.%s", stem, n, cg_report_format_extension (format));
      g_autofree char *path = g_build_filename (dir, base, NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      g_clear_error (&error);
      if (cg_report_write (reply, format, path, FALSE, NULL, &error))
        {
          set_text (&r->note, g_strdup_printf (_("The report is in %s."), path));
          return CG_KEY_HANDLED | CG_KEY_REDRAW;
        }
      break;
    }
  set_text (&r->note, g_strdup (error != NULL ? error->message
                                              : _("no free name for the report: move old ones away")));
  beep ();
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static const CgKeyRow keys[] = {
  { .keys = { CG_KEY_LEFT, CG_KEY_RIGHT }, .name = "report-period", .label = N_("period"),
    .help = N_("the period: this or last month, quarter, half year, year, or typed"),
    .action = change_period },
  { .keys = { 'p' }, .name = "report-type-period", .label = N_("type a period"),
    .help = N_("type a period: 2026-11, 2026-Q4, 2026-H2, 2026, or 01/11/2026..30/11/2026"),
    .action = type_period },
  { .keys = { CG_KEY_UP, CG_KEY_DOWN, CG_KEY_PAGE_UP, CG_KEY_PAGE_DOWN }, .name = "report-scroll",
    .label = N_("scroll"), .help = N_("scroll the summary"), .action = scroll_summary },
  { .keys = { 'h', 't', 'c' }, .name = "report-write", .label = N_("write"),
    .help = N_("write the report here (or in the home directory): h an HTML page for A4, t text, "
               "c CSV"),
    .action = write_report },
  { .keys = { CG_KEY_NONE } },
};

/* The period field takes every key while open. */
static int
rep_key (gpointer self, int key)
{
  Reports *r = self;
  if (!r->editing)
    return CG_KEY_IGNORED;
  CgTextFieldResult res = cg_text_field_press (r->edit, key);
  if (res != CG_TEXT_FIELD_IGNORED)
    {
      if (res & CG_TEXT_FIELD_REFUSED)
        beep ();
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  if (key == CG_KEY_ESC)
    {
      r->editing = FALSE;
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  if (key == CG_KEY_ENTER)
    {
      /* Read here, so that a mistyped period is said at once. */
      CgPeriod p;
      g_autoptr (GError) error = NULL;
      if (!cg_period_parse (cg_text_field_text (r->edit), &p, &error))
        {
          set_text (&r->note, g_strdup (error->message));
          beep ();
          return CG_KEY_HANDLED | CG_KEY_REDRAW;
        }
      r->editing = FALSE;
      set_text (&r->typed, g_strdup (cg_text_field_text (r->edit)));
      g_strstrip (r->typed);
      r->choice = CG_REPORT_CHOICE_TYPED;
      set_text (&r->loaded, NULL);
      set_text (&r->note, NULL);
      return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
    }
  if (CG_KEY_IS_CODE (key) && cg_screen_by_key (key) >= 0)
    {
      r->editing = FALSE;
      return CG_KEY_IGNORED;
    }
  return CG_KEY_HANDLED;
}

const CgScreen cg_screen_reports = {
  .name = "reports",
  .number = 7,
  .title = N_("Reports"),
  .help = N_("the monthly, quarterly, six-month and yearly report: summary, and the report "
             "written as HTML, text or CSV"),
  .open = rep_open,
  .close = rep_close,
  .update = rep_update,
  .paint = rep_paint,
  .key = rep_key,
  .resize = rep_resize,
  .keys = keys,
  .guide = "Báo cáo định kỳ (F7)",
};
