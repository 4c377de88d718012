// The normal-suite side of a fuzz target: runs every seed input and every input that once
// crashed (tests/fuzz/corpus/<target>/, tests/fuzz/regressions/<target>/) through the target's
// LLVMFuzzerTestOneInput, so what the fuzzer found stays fixed in gcc builds without libFuzzer.
// A crash fails the test (the process dies); the target's own checks call abort().

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main()
{
    namespace fs = std::filesystem;
    const fs::path root(KUBE_FUZZ_DIR);
    std::vector<fs::path> inputs;
    for (const char *kind : { "corpus", "regressions" }) {
        const fs::path dir = root / kind / KUBE_FUZZ_NAME;
        if (!fs::is_directory(dir))
            continue;
        for (const auto &entry : fs::directory_iterator(dir)) {
            if (entry.is_regular_file())
                inputs.push_back(entry.path());
        }
    }
    std::sort(inputs.begin(), inputs.end());
    if (inputs.empty()) {
        std::fprintf(stderr, "no inputs under %s for %s\n", KUBE_FUZZ_DIR, KUBE_FUZZ_NAME);
        return 1;
    }
    for (const fs::path &p : inputs) {
        std::ifstream in(p, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        std::fprintf(stderr, "%s\n", p.filename().c_str());
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
    }
    std::printf("%zu inputs of %s passed\n", inputs.size(), KUBE_FUZZ_NAME);
    return 0;
}
