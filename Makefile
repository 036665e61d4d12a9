# movplan - resettlement movement operations planner.
#
#   make            build ./movplan (optimised)
#   make demo       install missing packages, build, run `movplan demo`
#   make test       install missing packages, build with -Werror and
#                   ASan/UBSan, run every test; last line "N ran: N passed, N failed, N skipped"
#   make bench      the benchmark of issue 11 (prints figures, never fails on time;
#                   BENCH_PRESETS=small,medium BENCH_PROFILES=tight to choose)
#   make bench-disruption  cases a cancelled flight moves without being forced
#   make install PREFIX=/usr/local DESTDIR=
#   make clean

CC      ?= cc
PREFIX  ?= /usr/local
VERSION := 0.1.0

PKGS    := libxml-2.0 sqlite3 libcjson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null || echo -I/usr/include/libxml2 -I/usr/include/cjson)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lxml2 -lsqlite3 -lcjson)
# GLPK ships no pkg-config file.
LIBS    := $(PKG_LIBS) -lglpk -lm -lpthread

WARN    := -Wall -Wextra -Wshadow -Wformat=2 -Wno-unused-parameter
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -DMP_VERSION='"$(VERSION)"' $(WARN) $(PKG_CFLAGS) -I.

REL_CFLAGS := $(BASE_CFLAGS) -O2 -g
SAN_CFLAGS := $(BASE_CFLAGS) -O1 -g -Werror -fno-omit-frame-pointer \
              -fsanitize=address,undefined -fno-sanitize-recover=undefined
SAN_LDFLAGS := -fsanitize=address,undefined

LIB_SRCS := $(sort $(wildcard models/*.c io/*.c planner/*.c reports/*.c))
CLI_SRCS := $(sort $(wildcard cli/*.c))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
PO_LANGS := en fa_AF ps
GEN_SRCS := build/gen/xsd.c $(PO_LANGS:%=build/gen/po_%.c)

REL := build/rel
SAN := build/san

REL_LIB_OBJS := $(LIB_SRCS:%.c=$(REL)/%.o) $(GEN_SRCS:build/%.c=$(REL)/%.o)
REL_CLI_OBJS := $(CLI_SRCS:%.c=$(REL)/%.o)
SAN_LIB_OBJS := $(LIB_SRCS:%.c=$(SAN)/%.o) $(GEN_SRCS:build/%.c=$(SAN)/%.o)
SAN_CLI_OBJS := $(CLI_SRCS:%.c=$(SAN)/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(SAN)/tests/%)
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(SAN)/fuzz/%)

.PHONY: all deps deps-test deps-bench demo test unit bench bench-disruption install clean fuzz
.SUFFIXES:

all: movplan

deps:
	@sh scripts/deps.sh build
deps-test:
	@sh scripts/deps.sh test
deps-bench:
	@sh scripts/deps.sh bench

movplan: $(REL)/movplan
	@cp $< $@

# The XSD is compiled into the binary so `movplan` validates XML wherever
# it is installed; the file itself is installed too, for other tools.
build/gen/xsd.c: io/movplan.xsd scripts/embed.sh
	@mkdir -p $(@D)
	@sh scripts/embed.sh mp_xsd_text $< > $@
# The message catalogs too, so itineraries speak Dari and Pashto wherever
# movplan is installed, with no .mo files to find (reports/i18n.h).
build/gen/po_%.c: po/%.po scripts/embed.sh
	@mkdir -p $(@D)
	@sh scripts/embed.sh mp_po_$* $< > $@

$(REL)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(REL_CFLAGS) -MMD -MP -c $< -o $@
$(REL)/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	@$(CC) $(REL_CFLAGS) -c $< -o $@
$(REL)/libmovplan.a: $(REL_LIB_OBJS)
	@rm -f $@ && ar rcs $@ $^
$(REL)/movplan: $(REL_CLI_OBJS) $(REL)/libmovplan.a
	@echo "  LD      $@"
	@$(CC) $(REL_CFLAGS) -o $@ $^ $(LIBS)

$(SAN)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC san  $<"
	@$(CC) $(SAN_CFLAGS) -MMD -MP -c $< -o $@
$(SAN)/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	@$(CC) $(SAN_CFLAGS) -c $< -o $@
$(SAN)/libmovplan.a: $(SAN_LIB_OBJS)
	@rm -f $@ && ar rcs $@ $^
$(SAN)/movplan: $(SAN_CLI_OBJS) $(SAN)/libmovplan.a
	@echo "  LD      $@"
	@$(CC) $(SAN_CFLAGS) $(SAN_LDFLAGS) -o $@ $^ $(LIBS)
# tests/unit/builders.c: what the unit tests share, linked into each.
$(SAN)/tests/builders.o: tests/unit/builders.c
	@mkdir -p $(@D)
	@echo "  CC san  $<"
	@$(CC) $(SAN_CFLAGS) -MMD -MP -c $< -o $@
$(SAN)/tests/%: tests/unit/%.c $(SAN)/tests/builders.o $(SAN)/libmovplan.a
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(SAN_CFLAGS) $(SAN_LDFLAGS) -o $@ $< $(SAN)/tests/builders.o $(SAN)/libmovplan.a $(LIBS) -lcmocka

# Fuzz targets: built with gcc + sanitizers as replay programs that the
# test suite runs over the hostile corpus and mutated samples; `make
# fuzz` builds them with clang's libFuzzer when clang is installed.
$(SAN)/fuzz/%: tests/fuzz/%.c $(SAN)/libmovplan.a
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(SAN_CFLAGS) $(SAN_LDFLAGS) -o $@ $< $(SAN)/libmovplan.a $(LIBS)

fuzz: $(GEN_SRCS)
	@command -v clang >/dev/null || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	@mkdir -p build/libfuzzer
	for t in $(FUZZ_SRCS:tests/fuzz/%.c=%); do \
	  clang -g -O1 -fsanitize=fuzzer,address,undefined -DMP_LIBFUZZER $(BASE_CFLAGS) \
	    tests/fuzz/$$t.c $(LIB_SRCS) $(GEN_SRCS) -o build/libfuzzer/$$t $(LIBS) || exit 1; \
	done
	@echo "run e.g.: build/libfuzzer/fuzz_json -max_len=4096 -max_total_time=60 tests/hostile tests/data/samples"

demo:
	@sh scripts/deps.sh build
	@$(MAKE) --no-print-directory movplan
	./movplan demo

test:
	@sh scripts/deps.sh test
	@$(MAKE) --no-print-directory -j2 $(SAN)/movplan $(UNIT_BINS) $(FUZZ_BINS) movplan
	@sh tests/run.sh $(SAN)/movplan $(SAN)/tests

unit: $(UNIT_BINS)

bench:
	@sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory movplan
	@sh tests/bench/run.sh ./movplan

# issue 12: how many cases a single cancelled flight moves without being
# forced, on the medium preset (10 random cancellations; prints figures).
bench-disruption:
	@sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory movplan
	@python3 tests/bench/disruption.py ./movplan --preset $${BENCH_PRESET:-medium}

install: movplan
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/movplan
	install -m 755 movplan $(DESTDIR)$(PREFIX)/bin/movplan
	install -m 644 io/movplan.xsd $(DESTDIR)$(PREFIX)/share/movplan/movplan.xsd
	install -m 644 reports/manifest.xsd reports/notice.xsd $(DESTDIR)$(PREFIX)/share/movplan/
	cp -R examples $(DESTDIR)$(PREFIX)/share/movplan/

clean:
	rm -rf build movplan

-include $(shell find build -name '*.d' 2>/dev/null)
