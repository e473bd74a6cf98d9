#include "harness/analysis/panel_similarity.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <thread>

#include "harness/analysis/sorted_features.h"
#include "harness/core/parallel_for.h"

namespace kinship {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Prompts per work item: 16 floats are one cache line of a pair's per-prompt row.
constexpr std::size_t kPromptBlock = 16;

// Sums over the prompts of one block; blocks are combined in prompt order afterwards, so the
// means do not depend on which thread ran which block.
struct BlockSums {
  std::vector<double> pair_sum;
  std::vector<int> pair_n;
  std::vector<double> self_sum;
  std::vector<int> self_n;
};

// The answers of one prompt under one measure: the features of every sample, model by
// model (model m's are features[model_begin[m] .. model_begin[m + 1])).
struct PromptFeatures {
  std::vector<AnswerFeatures> features;
  std::vector<std::size_t> model_begin;
};

// Mean similarity over the distinct sample pairs of one model; NaN with < 2 samples.
double SelfMean(const SimilarityMeasure& measure, const PromptFeatures& f, std::size_t model) {
  const std::size_t s0 = f.model_begin[model], s1 = f.model_begin[model + 1];
  if (s1 - s0 < 2) return kNaN;
  double sum = 0;
  std::size_t count = 0;
  for (std::size_t i = s0; i < s1; ++i) {
    for (std::size_t j = i + 1; j < s1; ++j) {
      sum += measure.Similarity(f.features[i], f.features[j]);
      ++count;
    }
  }
  return sum / static_cast<double>(count);
}

// Reusable per-thread buffers of the rank kernels.
struct KernelScratch {
  SharedKeyRanks ranks;
  RankScratch rank_scratch;
  std::vector<std::uint32_t> dense;  // per shared rank: a mark (sets) or a count (bags)
};

// sums[b] (b > a) += the similarity of sample x of model a with every sample of b, for all
// b at once, by the rank kernel: x's shared ranks are written into a dense array that every
// partner probes. Exact: Jaccard counts are integers, and bag dot products are sums of
// integer products (SortedKernelMeasure's requirement), so no rounding depends on order.
void KernelRow(SortedKernel kernel, const PromptFeatures& f, std::size_t a, std::size_t x,
               KernelScratch* scratch, std::vector<double>* sums) {
  const SharedKeyRanks& r = scratch->ranks;
  std::uint32_t* dense = scratch->dense.data();
  const bool bag = kernel == SortedKernel::kBagCosine;
  for (std::size_t k = r.begin[x]; k < r.begin[x + 1]; ++k) dense[r.ranks[k]] = bag ? r.counts[k] : 1;
  const std::size_t models = f.model_begin.size() - 1;
  const std::size_t size_x = r.size[x];
  for (std::size_t b = a + 1; b < models; ++b) {
    for (std::size_t y = f.model_begin[b]; y < f.model_begin[b + 1]; ++y) {
      const std::uint32_t* q = r.ranks.data() + r.begin[y];
      const std::size_t len = r.begin[y + 1] - r.begin[y];
      const std::size_t size_y = r.size[y];
      double value;
      if (!bag) {
        std::size_t c0 = 0, c1 = 0, k = 0;
        for (; k + 2 <= len; k += 2) {
          c0 += dense[q[k]];
          c1 += dense[q[k + 1]];
        }
        if (k < len) c0 += dense[q[k]];
        const std::size_t common = c0 + c1;
        // SetJaccard's arithmetic.
        value = size_x + size_y == 0
                    ? 1.0
                    : static_cast<double>(common) /
                          (static_cast<double>(size_x + size_y) - static_cast<double>(common));
      } else {
        const std::uint32_t* w = r.counts.data() + r.begin[y];
        std::uint64_t d0 = 0, d1 = 0;
        std::size_t k = 0;
        for (; k + 2 <= len; k += 2) {
          d0 += static_cast<std::uint64_t>(dense[q[k]]) * w[k];
          d1 += static_cast<std::uint64_t>(dense[q[k + 1]]) * w[k + 1];
        }
        if (k < len) d0 += static_cast<std::uint64_t>(dense[q[k]]) * w[k];
        // BagCosine's arithmetic.
        if (size_x == 0 && size_y == 0) {
          value = 1.0;
        } else if (size_x == 0 || size_y == 0) {
          value = 0.0;
        } else {
          const double cosine = static_cast<double>(d0 + d1) /
                                (f.features[x].norm * f.features[y].norm);
          value = std::min(1.0, cosine);
        }
      }
      (*sums)[b] += value;
    }
  }
  for (std::size_t k = r.begin[x]; k < r.begin[x + 1]; ++k) dense[r.ranks[k]] = 0;
}

// The generic path: SimilarityToMany of sample x against every later model's samples.
void GenericRow(const SimilarityMeasure& measure, const PromptFeatures& f, std::size_t a,
                std::size_t x, std::vector<double>* sums) {
  const std::size_t models = f.model_begin.size() - 1;
  std::vector<const AnswerFeatures*> partners;
  std::vector<std::size_t> owner;
  for (std::size_t b = a + 1; b < models; ++b) {
    for (std::size_t y = f.model_begin[b]; y < f.model_begin[b + 1]; ++y) {
      partners.push_back(&f.features[y]);
      owner.push_back(b);
    }
  }
  std::vector<double> out(partners.size());
  measure.SimilarityToMany(f.features[x], partners.data(), partners.size(), out.data());
  for (std::size_t k = 0; k < partners.size(); ++k) (*sums)[owner[k]] += out[k];
}

MeasureMatrix ComputeMatrix(const PanelAnswers& panel, const SimilarityMeasure& measure,
                            unsigned threads) {
  const std::size_t models = panel.models.size();
  const std::size_t prompts = panel.prompts.size();
  const auto* kernel_measure = dynamic_cast<const SortedKernelMeasure*>(&measure);

  MeasureMatrix matrix;
  matrix.measure = std::string(measure.Name());
  matrix.summary = std::string(measure.Summary());
  matrix.models = models;
  matrix.prompts = prompts;
  matrix.mean.assign(models * models, kNaN);
  matrix.n.assign(models * models, 0);
  const std::size_t pairs = models < 2 ? 0 : models * (models - 1) / 2;
  matrix.per_prompt.assign(pairs * prompts, std::numeric_limits<float>::quiet_NaN());

  // Prompt-major: the features of one prompt's answers are built (never all at once: at 200
  // models x 800 prompts the character-trigram bags alone would take gigabytes), compared
  // for every pair while they are in cache, and dropped. Blocks of prompts are dealt to the
  // threads; each block writes only its own prompts' cells.
  const std::size_t blocks = (prompts + kPromptBlock - 1) / kPromptBlock;
  std::vector<BlockSums> block_sums(blocks);
  ParallelFor(blocks, threads, [&](std::size_t block) {
    BlockSums& bs = block_sums[block];
    bs.pair_sum.assign(pairs, 0.0);
    bs.pair_n.assign(pairs, 0);
    bs.self_sum.assign(models, 0.0);
    bs.self_n.assign(models, 0);
    PromptFeatures f;
    KernelScratch scratch;
    std::vector<double> sums(models);
    std::vector<const std::uint64_t*> key_ptrs;
    std::vector<std::size_t> key_sizes;
    std::vector<const float*> weight_ptrs;
    const std::size_t p_end = std::min(prompts, (block + 1) * kPromptBlock);
    for (std::size_t p = block * kPromptBlock; p < p_end; ++p) {
      f.features.clear();
      f.model_begin.assign(1, 0);
      for (std::size_t m = 0; m < models; ++m) {
        for (const std::string& text : panel.answers[panel.AnswerIndex(m, p)]) {
          f.features.push_back(measure.Features(text));
        }
        f.model_begin.push_back(f.features.size());
      }
      for (std::size_t m = 0; m < models; ++m) {
        const double s = SelfMean(measure, f, m);
        if (!std::isnan(s)) {
          bs.self_sum[m] += s;
          ++bs.self_n[m];
        }
      }
      if (kernel_measure != nullptr) {
        const bool bag = kernel_measure->Kernel() == SortedKernel::kBagCosine;
        key_ptrs.clear();
        key_sizes.clear();
        weight_ptrs.clear();
        for (const AnswerFeatures& features : f.features) {
          key_ptrs.push_back(features.keys.data());
          key_sizes.push_back(features.keys.size());
          weight_ptrs.push_back(features.weights.data());
        }
        RankSharedKeys(f.features.size(), key_ptrs.data(), key_sizes.data(),
                       bag ? weight_ptrs.data() : nullptr, &scratch.ranks, &scratch.rank_scratch);
        scratch.dense.assign(scratch.ranks.shared, 0);
      }
      std::size_t pair = 0;
      for (std::size_t a = 0; a < models; ++a) {
        const std::size_t a0 = f.model_begin[a], a1 = f.model_begin[a + 1];
        if (a0 == a1) {
          pair += models - 1 - a;
          continue;
        }
        // Sample x outer, partners inner: each pair's sum runs in (i, j) order.
        std::fill(sums.begin(), sums.end(), 0.0);
        for (std::size_t x = a0; x < a1; ++x) {
          if (kernel_measure != nullptr) {
            KernelRow(kernel_measure->Kernel(), f, a, x, &scratch, &sums);
          } else {
            GenericRow(measure, f, a, x, &sums);
          }
        }
        for (std::size_t b = a + 1; b < models; ++b, ++pair) {
          const std::size_t samples_b = f.model_begin[b + 1] - f.model_begin[b];
          if (samples_b == 0) continue;
          const double value = sums[b] / static_cast<double>((a1 - a0) * samples_b);
          matrix.per_prompt[pair * prompts + p] = static_cast<float>(value);
          bs.pair_sum[pair] += value;
          ++bs.pair_n[pair];
        }
      }
    }
  });

  for (std::size_t a = 0; a < models; ++a) {
    double self_sum = 0;
    int self_n = 0;
    for (const BlockSums& bs : block_sums) {
      self_sum += bs.self_sum[a];
      self_n += bs.self_n[a];
    }
    matrix.mean[a * models + a] = self_n > 0 ? self_sum / self_n : kNaN;
    matrix.n[a * models + a] = self_n;
  }
  std::size_t pair = 0;
  for (std::size_t a = 0; a < models; ++a) {
    for (std::size_t b = a + 1; b < models; ++b, ++pair) {
      double sum = 0;
      int n = 0;
      for (const BlockSums& bs : block_sums) {
        sum += bs.pair_sum[pair];
        n += bs.pair_n[pair];
      }
      const double mean = n > 0 ? sum / n : kNaN;
      matrix.mean[a * models + b] = matrix.mean[b * models + a] = mean;
      matrix.n[a * models + b] = matrix.n[b * models + a] = n;
    }
  }
  return matrix;
}

}  // namespace

std::size_t MeasureMatrix::PairIndex(std::size_t a, std::size_t b) const {
  if (a > b) std::swap(a, b);
  // Pairs are numbered row by row: (0,1) .. (0,m-1), (1,2) .. ; row a starts after the
  // a rows before it, which hold (m-1) + (m-2) + ... + (m-a) pairs.
  return a * (2 * models - a - 1) / 2 + (b - a - 1);
}

PanelSimilarity ComputePanelSimilarity(const PanelAnswers& panel,
                                       const std::vector<const SimilarityMeasure*>& measures,
                                       unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  PanelSimilarity result;
  result.models = panel.models;
  result.prompts = panel.prompts;
  result.ok_records = panel.ok_records;
  result.error_records = panel.error_records;
  for (const SimilarityMeasure* measure : measures) {
    result.measures.push_back(ComputeMatrix(panel, *measure, threads));
  }
  return result;
}

}  // namespace kinship
