// The pop order of Google's coverer queue, for src/coverer/heap.rs.
//
// S2RegionCoverer keeps its candidates in a std::priority_queue whose
// comparator looks at the priority alone (CompareQueueEntries), so which of
// several equal-priority candidates pops first is whatever libstdc++'s
// push_heap/pop_heap give. heap.rs reproduces that order; its two unit tests
// pin the answers this program prints (check-heap-order.sh compares them):
//
//   ties_pop_in_libstdcxx_order: priorities -5 -5 -5 -3 -5 pushed as ids
//     0..4, the ids in pop order;
//   long_mixed_run_matches_libstdcxx: 2000 steps of an LCG
//     (s = s * 1103515245 + 12345, starting from 1) choosing push (2/3) or
//     pop (1/3, or push when empty), priorities 0..-3, ids in push order;
//     each popped id hashed as h = h * 31 + id (u64, wrapping), then the
//     rest popped and hashed.
//
// Needs only a C++ compiler and libstdc++ (no s2geometry):
//   g++ -O2 -std=c++17 gen_heap_order.cc -o gen_heap_order && ./gen_heap_order
#include <cstdint>
#include <cstdio>
#include <queue>
#include <utility>
#include <vector>

namespace {

using Entry = std::pair<int, uint32_t>;

// S2RegionCoverer's CompareQueueEntries: the priority only.
struct ComparePriority {
  bool operator()(const Entry& a, const Entry& b) const {
    return a.first < b.first;
  }
};

using Queue = std::priority_queue<Entry, std::vector<Entry>, ComparePriority>;

}  // namespace

int main() {
  Queue ties;
  const int priorities[] = {-5, -5, -5, -3, -5};
  for (uint32_t i = 0; i < 5; ++i) ties.push({priorities[i], i});
  std::printf("ties_order");
  while (!ties.empty()) {
    std::printf(" %u", ties.top().second);
    ties.pop();
  }
  std::printf("\n");

  uint32_t s = 1;
  auto next = [&s]() {
    s = s * 1103515245u + 12345u;
    return s;
  };
  Queue q;
  uint32_t id = 0;
  uint64_t hash = 0;
  for (int step = 0; step < 2000; ++step) {
    uint32_t op = (next() >> 16) % 3;
    if (op < 2 || q.empty()) {
      int p = -static_cast<int>((next() >> 16) % 4);
      q.push({p, id++});
    } else {
      hash = hash * 31 + q.top().second;
      q.pop();
    }
  }
  while (!q.empty()) {
    hash = hash * 31 + q.top().second;
    q.pop();
  }
  std::printf("long_mixed_run_hash %llu\n", static_cast<unsigned long long>(hash));
  return 0;
}
