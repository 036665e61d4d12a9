/*
 * replay_main.h - without libFuzzer, a fuzz target becomes a program
 * that runs each file named on its command line once through
 * LLVMFuzzerTestOneInput (how `make test` replays the corpus).
 * Include it at the end of a target after defining FUZZ_NAME.
 */
#ifndef MP_LIBFUZZER
#include "io/files.h"
#include "io/json.h" /* MP_INPUT_MAX */

int main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		mp_errors errs;
		char *buf = NULL;
		size_t len = 0;
		mp_errors_init(&errs);
		/* a larger bound than the readers' own, so their limit is exercised */
		if (mp_read_file(argv[i], 2u * MP_INPUT_MAX, &buf, &len, &errs) != MP_OK) {
			fprintf(stderr, FUZZ_NAME ": cannot read %s\n", argv[i]);
			rc = 66;
		} else {
			LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		}
		free(buf);
		mp_errors_release(&errs);
	}
	printf(FUZZ_NAME ": %d file(s) run\n", argc - 1);
	return rc;
}
#endif
