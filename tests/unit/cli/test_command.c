/* test_command.c — the command line's one parser and its --help, on
 * tables made for the test: what getopt_long accepted before is still
 * accepted, and --help fits 80 columns whatever the texts. */
#include "unit.h"

#include "cli/command.h"
#include "common/error.h"

#include <string.h>

static int
run_nothing (const CgCommandContext *ctx)
{
  return 0;
}

static const CgOption more[] = {
  { "place", 0, "TEXT", "where it is" },
  { "power-by", 0, "TEXT", "who powers it" },
  { NULL },
};

static const CgOption *
include_more (void)
{
  return more;
}

static const CgOption options[] = {
  { "name", 'n', "NAME", "its name" },
  { "output", 'o', "FILE", "where to write" },
  { "json", 'j', NULL, "print JSON" },
  { "quiet", 'q', NULL, "say nothing" },
  { .include = include_more },
  { "rename", .flags = CG_OPTION_REFUSED, .refusal = "not here" },
  { NULL },
};

static const CgCommand leaf = {
  .name = "edit",
  .usage = "NAME [OPTION]...",
  .summary = "change a thing",
  .options = options,
  .min_args = 1, .max_args = 1, .missing = "which thing?",
  .run = run_nothing,
};

static const CgCommand needs_name = {
  .name = "add",
  .usage = "--name NAME",
  .summary = "add a thing",
  .options = options,
  .required = (const char *const[]) { "name", NULL },
  .run = run_nothing,
};

static CgArgs *
parse (const CgCommand *cmd, const char *line, GError **error)
{
  /* The words stay alive: the arguments borrow them. */
  static GStrv words = NULL;
  g_strfreev (words);
  words = g_strsplit (line, " ", -1);
  if (*line == '\0')
    words[0] = NULL;
  return cg_args_parse (cmd, (int) g_strv_length (words), words, NULL, error);
}

static void
test_forms (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgArgs) a = parse (&leaf, "--name=x Cổng -o f.jpg -jq --pla chợ", &error);
  assert_non_null (a);
  assert_string_equal (cg_args_get (a, "name"), "x");
  assert_string_equal (cg_args_get (a, "output"), "f.jpg");
  assert_true (cg_args_has (a, "json") && cg_args_has (a, "quiet"));
  assert_null (cg_args_get (a, "json"));
  assert_string_equal (cg_args_get (a, "place"), "chợ");
  assert_int_equal (cg_args_count (a), 1);
  assert_string_equal (cg_args_arg (a, 0), "Cổng");
  assert_false (cg_args_has (a, "power-by"));

  /* -oVALUE, the last of two values, "--" and a value that looks like
   * an option. */
  g_autoptr (CgArgs) b = parse (&leaf, "-ofirst -n a --name b --place -x -- --json", &error);
  assert_non_null (b);
  assert_string_equal (cg_args_get (b, "output"), "first");
  assert_string_equal (cg_args_get (b, "name"), "b");
  assert_string_equal (cg_args_get (b, "place"), "-x");
  assert_false (cg_args_has (b, "json"));
  assert_string_equal (cg_args_arg (b, 0), "--json");

  /* --help stops reading: what follows is not judged. */
  g_autoptr (CgArgs) h = parse (&leaf, "--help --bogus", &error);
  assert_non_null (h);
  assert_string_equal (cg_args_alone (h)->name, "help");
}

static void
expect_usage_error (const CgCommand *cmd, const char *line, const char *hint)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgArgs) a = parse (cmd, line, &error);
  if (a != NULL)
    fail_msg ("“%s” was accepted", line);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
  if (strstr (error->message, hint) == NULL)
    fail_msg ("“%s”: “%s” missing from: %s", line, hint, error->message);
}

static void
test_errors (void **state)
{
  expect_usage_error (&leaf, "x --bogus", "'--bogus'");
  expect_usage_error (&leaf, "x -z", "'-z'");
  expect_usage_error (&leaf, "x --p a", "--place --power-by");
  expect_usage_error (&leaf, "x --name", "needs a value");
  expect_usage_error (&leaf, "x -o", "needs a value");
  expect_usage_error (&leaf, "x --json=yes", "takes no value");
  expect_usage_error (&leaf, "x --rename y", "not here");
  expect_usage_error (&leaf, "", "which thing?");
  expect_usage_error (&leaf, "--json", "which thing?");
  expect_usage_error (&leaf, "a b", "'b'");
  expect_usage_error (&needs_name, "--json", "--name NAME is required (its name)");
}

static const CgOption root_options[] = {
  { "config", 'c', "FILE", "the configuration" },
  { NULL },
};

static const CgCommand root = {
  .name = "prog",
  .usage = "[OPTION]... COMMAND",
  .summary = "a program",
  .options = root_options,
  .commands = (const CgCommand *const[]) { &leaf, NULL },
};

static void
test_sub_commands (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgArgs) top = parse (&root, "-c a.conf edit --json x", &error);
  assert_non_null (top);
  assert_int_equal (cg_args_consumed (top), 2);
  assert_int_equal (cg_args_count (top), 3);
  assert_string_equal (cg_args_arg (top, 0), "edit");
  /* The command below sees the options above. */
  char json[] = "--json", x[] = "x";
  char *rest[] = { json, x, NULL };
  g_autoptr (CgArgs) below = cg_args_parse (&leaf, 2, rest, top, &error);
  assert_non_null (below);
  assert_string_equal (cg_args_get (below, "config"), "a.conf");
  assert_true (cg_args_has (below, "json"));
  assert_false (cg_args_has (top, "json"));
}

/* Long texts, a long usage and a long word: every line of --help still
 * fits in 80 columns, Vietnamese letters counting one. */
static void
test_help_width (void **state)
{
  static const CgOption wordy[] = {
    { "motion-sensitivity", 0, "N",
      "từ 0 (chỉ thay đổi lớn) đến 1 (thay đổi nhỏ nhất), một câu rất dài để phải xuống "
      "dòng nhiều lần trong một cửa sổ tám mươi cột" },
    { "a-very-long-option-name-indeed", 'x', "VALUE", "short" },
    { NULL },
  };
  static const CgCommand cmd = {
    .name = "wordy",
    .usage = "--motion-sensitivity N --a-very-long-option-name-indeed VALUE [OPTION]... NAME",
    .summary = "hiện trạng thái, tốc độ bit và nguyên nhân của từng camera trong hệ thống "
               "camera an ninh của Công an xã",
    .help = "Giá trị rỗng (\"\") xóa thông tin đó. Không có tùy chọn nào thì không có gì để "
            "sửa: edit báo như vậy và thoát với mã 1.",
    .options = wordy,
    .run = run_nothing,
  };
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream (&text, &size);
  cg_command_print_help (out, &cmd, "canhgac camera", 1);
  fclose (out);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  free (text);
  int n = 0;
  for (int i = 0; lines[i] != NULL; i++, n++)
    if (g_utf8_strlen (lines[i], -1) > 80)
      fail_msg ("%ld columns: %s", g_utf8_strlen (lines[i], -1), lines[i]);
  assert_true (n > 10);
  /* Wrapped, not cut: the last words are there. */
  g_autofree char *all = g_strjoinv (" ", lines);
  assert_non_null (strstr (all, "tám mươi cột"));
  assert_non_null (strstr (all, "Công an xã."));
  assert_non_null (strstr (all, "Usage: canhgac camera --motion-sensitivity"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_forms),
    cmocka_unit_test (test_errors),
    cmocka_unit_test (test_sub_commands),
    cmocka_unit_test (test_help_width),
  };
  return cmocka_run_group_tests_name ("command line", tests, NULL, NULL);
}
