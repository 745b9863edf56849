#define _GNU_SOURCE
#include "attest_system.h"

#include <stdint.h>
#include <string.h>

#if defined(__linux__)
#include <elf.h>
#include <link.h>

struct build_id_search {
    uintptr_t address;
    unsigned char *out;
    int capacity;
    int length;
};

/// Whether `address` lies in one of the object's loaded segments.
static int object_holds(const struct dl_phdr_info *info, uintptr_t address) {
    for (int index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[index];
        if (header->p_type != PT_LOAD) continue;
        uintptr_t start = info->dlpi_addr + header->p_vaddr;
        if (address >= start && address - start < header->p_memsz) return 1;
    }
    return 0;
}

/// Reads the GNU build ID note of the object, if it has one, into the search.
static void read_build_id(const struct dl_phdr_info *info, struct build_id_search *search) {
    for (int index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[index];
        if (header->p_type != PT_NOTE) continue;
        const unsigned char *note = (const unsigned char *)(info->dlpi_addr + header->p_vaddr);
        size_t left = header->p_memsz;
        while (left >= sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *entry = (const ElfW(Nhdr) *)note;
            size_t name_size = ((size_t)entry->n_namesz + 3) & ~(size_t)3;
            size_t data_size = ((size_t)entry->n_descsz + 3) & ~(size_t)3;
            size_t total = sizeof(ElfW(Nhdr)) + name_size + data_size;
            if (total > left) break;
            const unsigned char *name = note + sizeof(ElfW(Nhdr));
            if (entry->n_type == NT_GNU_BUILD_ID && entry->n_namesz == 4
                && memcmp(name, "GNU", 4) == 0 && entry->n_descsz > 0
                && entry->n_descsz <= (ElfW(Word))search->capacity) {
                memcpy(search->out, name + name_size, entry->n_descsz);
                search->length = (int)entry->n_descsz;
                return;
            }
            note += total;
            left -= total;
        }
    }
}

static int visit_object(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct build_id_search *search = data;
    if (!object_holds(info, search->address)) return 0;
    read_build_id(info, search);
    return 1;
}

int attest_build_id(unsigned char *out, int capacity) {
    struct build_id_search search = {
        .address = (uintptr_t)&attest_build_id, .out = out, .capacity = capacity, .length = -1
    };
    dl_iterate_phdr(visit_object, &search);
    return search.length;
}
#else
int attest_build_id(unsigned char *out, int capacity) {
    (void)out;
    (void)capacity;
    return -1;
}
#endif
