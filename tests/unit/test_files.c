/*
 * test_files.c - io/files: the one way movplan writes a file.  Mode
 * 0600 whatever the umask and whatever the old file's mode; a symlink at
 * the target replaced, never followed; nothing left but the target
 * (no temporary) after a commit, an abort or a failure (a full disk:
 * tests/scripts/full_disk.sh); temporaries of
 * a writer that no longer runs removed, a live writer's kept; a library
 * writing by name (GLPK) writes into the temporary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>
#include "io/files.h"
#include "builders.h"

typedef struct scratch {
	char dir[64];
	char path[96];
} scratch;

static int setup(void **state)
{
	scratch *s = calloc(1, sizeof *s);
	snprintf(s->dir, sizeof s->dir, "/tmp/mp_files_XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->path, sizeof s->path, "%s/out.json", s->dir);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	scratch *s = *state;
	char cmd[96];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", s->dir);
	assert_int_equal(system(cmd), 0);
	free(s);
	return 0;
}

static char *slurp(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	mp_errors e;
	mp_errors_init(&e);
	assert_int_equal(mp_read_file(path, 1 << 20, &buf, &len, &e), MP_OK);
	mp_errors_release(&e);
	return buf;
}

static void put(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

/* The names in dir other than . and .., joined by spaces. */
static char *listing(const char *dir)
{
	char *all = mp_xstrdup("");
	DIR *d = opendir(dir);
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *j = mp_xasprintf("%s%s%s", all, *all ? " " : "", e->d_name);
		free(all);
		all = j;
	}
	closedir(d);
	return all;
}

static int write_text(const char *path, const char *text)
{
	mp_errors e;
	mp_errors_init(&e);
	int rc = mp_write_file(path, text, strlen(text), &e);
	mp_errors_release(&e);
	return rc;
}

static void test_mode_and_content(void **state)
{
	scratch *s = *state;
	put(s->path, "old", 0644);
	mode_t old = umask(0);
	assert_int_equal(write_text(s->path, "new"), MP_OK);
	umask(old);
	struct stat sb;
	assert_int_equal(lstat(s->path, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0600); /* not the old file's 0644 */
	char *t = slurp(s->path);
	assert_string_equal(t, "new");
	free(t);
	char *ls = listing(s->dir);
	assert_string_equal(ls, "out.json"); /* no temporary left */
	free(ls);
}

static void test_symlink_replaced(void **state)
{
	scratch *s = *state;
	char victim[128];
	snprintf(victim, sizeof victim, "%s/victim", s->dir);
	put(victim, "precious", 0644);
	assert_int_equal(symlink(victim, s->path), 0);
	assert_int_equal(write_text(s->path, "names and documents"), MP_OK);
	struct stat sb;
	assert_int_equal(lstat(s->path, &sb), 0);
	assert_true(S_ISREG(sb.st_mode)); /* the link itself was replaced */
	char *t = slurp(victim);
	assert_string_equal(t, "precious");
	free(t);
	assert_int_equal(stat(victim, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0644);
}

static void test_old_temp_name_untouched(void **state)
{
	scratch *s = *state;
	/* the name the writer used before (OUT.tmp.PID) and a dangling link */
	char planted[160], victim[128], dangling[160];
	snprintf(victim, sizeof victim, "%s/victim", s->dir);
	snprintf(planted, sizeof planted, "%s.tmp.%ld", s->path, (long)getpid());
	snprintf(dangling, sizeof dangling, "%s/.out.json.tmp.%ld.AAAAAA", s->dir, (long)getpid());
	put(victim, "precious", 0644);
	assert_int_equal(symlink(victim, planted), 0);
	assert_int_equal(symlink("/nonexistent/x", dangling), 0);
	assert_int_equal(write_text(s->path, "data"), MP_OK);
	char *t = slurp(victim);
	assert_string_equal(t, "precious");
	free(t);
	t = slurp(s->path);
	assert_string_equal(t, "data");
	free(t);
}

static void test_abort_keeps_old(void **state)
{
	scratch *s = *state;
	put(s->path, "old", 0600);
	mp_errors e;
	mp_errors_init(&e);
	mp_outfile *o = mp_out_open(s->path, &e);
	assert_non_null(o);
	fputs("half of the new", mp_out_stream(o));
	mp_out_abort(o);
	char *t = slurp(s->path);
	assert_string_equal(t, "old");
	free(t);
	char *ls = listing(s->dir);
	assert_string_equal(ls, "out.json");
	free(ls);
	mp_errors_release(&e);
}

static void test_directory_target(void **state)
{
	scratch *s = *state;
	assert_int_equal(mkdir(s->path, 0700), 0);
	mp_errors e;
	mp_errors_init(&e);
	assert_int_equal(mp_write_file(s->path, "x", 1, &e), MP_ECANTCREAT);
	assert_non_null(strstr(e.v[0].msg, "out.json: cannot rename"));
	mp_errors_release(&e);
	struct stat sb;
	assert_int_equal(stat(s->path, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	char *ls = listing(s->dir);
	assert_string_equal(ls, "out.json");
	free(ls);
	/* a folder that does not exist: 73, nothing created */
	char missing[160];
	snprintf(missing, sizeof missing, "%s/no/such/out.json", s->dir);
	assert_int_equal(write_text(missing, "x"), MP_ECANTCREAT);
}

/* A pid that ran and no longer runs. */
static long dead_pid(void)
{
	pid_t p = fork();
	if (p == 0)
		_exit(0);
	assert_true(p > 0);
	assert_int_equal(waitpid(p, NULL, 0), p);
	return (long)p;
}

static void test_stale_temporaries(void **state)
{
	scratch *s = *state;
	char dead_file[160], dead_dir[160], live[160], other[160];
	snprintf(dead_file, sizeof dead_file, "%s/.out.json.tmp.%ld.Q1w2E3", s->dir, dead_pid());
	snprintf(dead_dir, sizeof dead_dir, "%s/.out.json.tmp.%ld.R4t5Y6", s->dir, dead_pid());
	snprintf(live, sizeof live, "%s/.out.json.tmp.%ld.U7i8O9", s->dir, (long)getppid());
	snprintf(other, sizeof other, "%s/.other.json.tmp.%ld.P0a1S2", s->dir, dead_pid());
	put(dead_file, "killed writer", 0600);
	assert_int_equal(mkdir(dead_dir, 0700), 0);
	char inner[200];
	snprintf(inner, sizeof inner, "%s/index.html", dead_dir);
	put(inner, "half a report", 0600);
	put(live, "a writer at work", 0600);
	put(other, "another target's", 0600);
	assert_int_equal(write_text(s->path, "data"), MP_OK);
	assert_int_equal(access(dead_file, F_OK), -1);
	assert_int_equal(access(dead_dir, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
}

/* GLPK writes by name: the name opens the temporary, which becomes the
 * target at the commit, 0600. */
static void test_write_by_name(void **state)
{
	scratch *s = *state;
	put(s->path, "old", 0644);
	mp_errors e;
	mp_errors_init(&e);
	mp_outfile *o = mp_out_open(s->path, &e);
	assert_non_null(o);
	FILE *f = fopen(mp_out_name(o), "w");
	assert_non_null(f);
	fputs("\\* model *\\\n", f);
	fclose(f);
	char *t = slurp(s->path);
	assert_string_equal(t, "old"); /* not yet */
	free(t);
	assert_int_equal(mp_out_commit(o, &e), MP_OK);
	t = slurp(s->path);
	assert_string_equal(t, "\\* model *\\\n");
	free(t);
	struct stat sb;
	assert_int_equal(stat(s->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	mp_errors_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mode_and_content, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_old_temp_name_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_keeps_old, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_temporaries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_by_name, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
