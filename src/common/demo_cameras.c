/* demo_cameras.c — the demo's commune, read from data/demo-cameras.txt. */
#include "build-config.h"

#include "common/demo_cameras.h"

#include "common/error.h"
#include "common/i18n.h"

static const char *const stories[] = {
  [CG_DEMO_GOOD] = "good",
  [CG_DEMO_WEAK] = "weak",
  [CG_DEMO_FLAPPING] = "flapping",
  [CG_DEMO_DEAD] = "dead",
  [CG_DEMO_PASSWORD] = "password",
};

static void
camera_free (gpointer p)
{
  CgDemoCamera *c = p;
  g_free (c->name);
  g_free (c->fault);
  g_strfreev (c->keys);
  g_strfreev (c->values);
  g_free (c);
}

static gboolean
read_camera (GKeyFile *kf, const char *group, const char *path, CgDemoCamera *c, GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (kf, group, NULL, error);
  if (keys == NULL)
    return FALSE;
  g_autoptr (GStrvBuilder) k = g_strv_builder_new (), v = g_strv_builder_new ();
  gboolean has_story = FALSE;
  for (int i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_string (kf, group, keys[i], error);
      if (value == NULL)
        return FALSE;
      if (g_str_equal (keys[i], "story"))
        {
          gsize s = 0;
          while (s < G_N_ELEMENTS (stories) && !g_str_equal (stories[s], value))
            s++;
          if (s == G_N_ELEMENTS (stories))
            {
              g_set_error (error, CG_ERROR, CG_ERROR_CONFIG,
                           _("%s: camera “%s”: story “%s” is none of good, weak, flapping, dead, password"),
                           path, group, value);
              return FALSE;
            }
          c->story = (CgDemoStory) s;
          has_story = TRUE;
        }
      else if (g_str_equal (keys[i], "fault"))
        c->fault = g_steal_pointer (&value);
      else
        {
          g_strv_builder_add (k, keys[i]);
          g_strv_builder_add (v, value);
        }
    }
  if (!has_story)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_CONFIG, _("%s: camera “%s” has no story"), path, group);
      return FALSE;
    }
  c->keys = g_strv_builder_end (k);
  c->values = g_strv_builder_end (v);
  return TRUE;
}

GPtrArray *
cg_demo_cameras_load (const char *path, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, error))
    return NULL;
  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
  g_autoptr (GPtrArray) cameras = g_ptr_array_new_with_free_func (camera_free);
  for (int i = 0; groups[i] != NULL; i++)
    {
      CgDemoCamera *c = g_new0 (CgDemoCamera, 1);
      c->name = g_strdup (groups[i]);
      g_ptr_array_add (cameras, c);
      if (!read_camera (kf, groups[i], path, c, error))
        return NULL;
    }
  if (cameras->len == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_CONFIG, _("%s lists no camera"), path);
      return NULL;
    }
  return g_steal_pointer (&cameras);
}

const CgDemoCamera *
cg_demo_cameras_find (GPtrArray *cameras, const char *name)
{
  for (guint i = 0; cameras != NULL && i < cameras->len; i++)
    {
      const CgDemoCamera *c = cameras->pdata[i];
      if (g_str_equal (c->name, name))
        return c;
    }
  return NULL;
}
