/* api/audit.c — reading and verifying the audit log. */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/audit.h"

static JsonNode *
audit_list (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  gint64 from = cg_rpc_param_time (call->params, "from", 0);
  gint64 to = cg_rpc_param_time (call->params, "to", G_MAXINT64);
  gint64 limit = CLAMP (cg_rpc_param_int (call->params, "limit", 100), 1, 10000);
  const char *what = _("reading the audit log");
  GError *local = NULL;
  /* The newest rows of the period, shown oldest first. */
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT * FROM (SELECT id, at_us, user, action, object, detail FROM audit"
       " WHERE at_us >= ? AND at_us < ? ORDER BY id DESC LIMIT ?) ORDER BY id",
    what, &local);
  if (st == NULL)
    return cg_api_internal_error (local, error);
  sqlite3_bind_int64 (st, 1, from);
  sqlite3_bind_int64 (st, 2, to);
  sqlite3_bind_int64 (st, 3, limit);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, sqlite3_column_int64 (st, 0));
      cg_json_add_time (b, "time", sqlite3_column_int64 (st, 1));
      static const char *const cols[] = { "user", "action", "object", "detail" };
      for (int i = 0; i < 4; i++)
        {
          json_builder_set_member_name (b, cols[i]);
          json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 2 + i));
        }
      json_builder_end_object (b);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, what, &local);
      return cg_api_internal_error (local, error);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
audit_verify (CgApiCall *call, GError **error)
{
  CgAuditVerdict v;
  GError *local = NULL;
  if (!cg_audit_verify (cg_db_handle (call->api->db), &v, &local))
    {
      cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_FAILED);
      return NULL;
    }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, v.first_bad_id == 0);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, v.rows);
  json_builder_set_member_name (b, "unsealed");
  json_builder_add_int_value (b, v.unsealed);
  json_builder_set_member_name (b, "missing");
  json_builder_add_int_value (b, v.missing);
  /* The head the log was checked against, as officers copy it. */
  json_builder_set_member_name (b, "head");
  if (v.head_rows > 0)
    {
      g_autofree char *head = cg_audit_seal_head_text (v.head_rows, v.head_hash);
      json_builder_add_string_value (b, head);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "first_bad");
  if (v.first_bad_id == 0)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, v.first_bad_id);
      json_builder_set_member_name (b, "problem");
      json_builder_add_string_value (b, v.problem);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  cg_audit_verdict_clear (&v);
  return json_builder_get_root (b);
}

static const CgRpcParam list_params[] = {
  { "from", CG_RPC_TIME, FALSE },
  { "to", CG_RPC_TIME, FALSE },
  { "limit", CG_RPC_INT, FALSE },
  { NULL },
};
static const CgRpcParam no_params[] = { { NULL } };

const CgApiMethod cg_api_audit_methods[] = {
  { "audit.list", CG_ROLE_OPERATOR, list_params, audit_list },
  { "audit.verify", CG_ROLE_OPERATOR, no_params, audit_verify },
  { NULL },
};
