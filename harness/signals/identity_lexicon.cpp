#include "harness/signals/identity_lexicon.h"

#include <algorithm>
#include <map>

#include "harness/analysis/text_tokenizer.h"

namespace kinship {

namespace {

struct Term {
  std::size_t vendor;
  std::vector<std::string> tokens;
};

// Terms pre-tokenised with the same tokenizer as the answers, longest first so that
// "chat gpt" wins over "gpt" at the same position.
const std::vector<Term>& Terms() {
  static const std::vector<Term> terms = [] {
    std::vector<Term> out;
    const auto& lexicon = IdentityLexicon();
    for (std::size_t v = 0; v < lexicon.size(); ++v) {
      for (const std::string& name : lexicon[v].names) {
        std::vector<std::string> tokens = TokenizeWords(name);
        if (!tokens.empty()) out.push_back({v, std::move(tokens)});
      }
    }
    std::stable_sort(out.begin(), out.end(), [](const Term& x, const Term& y) {
      return x.tokens.size() > y.tokens.size();
    });
    return out;
  }();
  return terms;
}

bool IsNegation(const std::string& token) {
  static const std::vector<std::string> words = {
      "not", "no", "never", "neither", "nor",                  // English
      "не", "нет", "ни", "ничего",                             // Russian
      "жоқ",                                                   // Kazakh ("емес" follows, below)
      "不", "非", "没", "沒", "无", "並非", "并非",            // Chinese (one token per char)
      "ليس", "ليست", "لست", "لسنا", "لا", "لم", "لن", "غير",  // Arabic
      "nicht", "kein", "pas", "ne", "non"};                    // a few European extras
  if (std::find(words.begin(), words.end(), token) != words.end()) return true;
  return token.size() > 3 && token.compare(token.size() - 3, 3, "n't") == 0;
}

bool IsPostNegation(const std::string& token) {  // Kazakh "емес", "емеспін", "емеспiз", ...
  return token.rfind("емес", 0) == 0;
}

bool IsContrast(const std::string& token) {
  static const std::vector<std::string> words = {
      "but", "however", "instead", "rather", "но", "а", "однако", "бірақ", "алайда",
      "但", "而", "却", "لكن", "لكنني", "ولكن", "بل"};
  return std::find(words.begin(), words.end(), token) != words.end();
}

// Clause boundaries at the byte level: ASCII punctuation, line breaks, and the CJK and Arabic
// comma/stop forms.
std::vector<std::string_view> SplitClauses(std::string_view text) {
  static const std::vector<std::string_view> marks = {
      "\xE3\x80\x82", "\xEF\xBC\x8C", "\xEF\xBC\x9B", "\xEF\xBC\x81", "\xEF\xBC\x9F",
      "\xE3\x80\x81", "\xD8\x8C", "\xD8\x9B", "\xD8\x9F"};  // 。，；！？、 ، ؛ ؟
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    std::size_t width = 0;
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n' ||
        c == '(' || c == ')') {
      width = 1;
    } else {
      for (std::string_view mark : marks) {
        if (text.compare(i, mark.size(), mark) == 0) {
          width = mark.size();
          break;
        }
      }
    }
    if (width == 0) {
      ++i;
      continue;
    }
    out.push_back(text.substr(start, i - start));
    i += width;
    start = i;
  }
  out.push_back(text.substr(start));
  return out;
}

}  // namespace

const std::vector<VendorNames>& IdentityLexicon() {
  static const std::vector<VendorNames> table = {
      {"openai",
       {"OpenAI", "Open AI", "ChatGPT", "Chat GPT", "GPT", "InstructGPT", "davinci", "ЧатГПТ",
        "Чат GPT", "ОпенЭйАй", "Опен Эй Ай", "ОпенАИ", "شات جي بي تي", "أوبن إيه آي",
        "اوبن ايه اي"}},
      {"anthropic",
       {"Anthropic", "Claude", "Антропик", "Клод", "Клауд", "克劳德", "كلود", "أنثروبيك",
        "انثروبيك"}},
      {"google",
       {"Google", "Gemini", "Bard", "PaLM", "Gemma", "DeepMind", "Гугл", "Гугле", "Джемини",
        "Гемини", "谷歌", "جوجل", "غوغل", "جيميني", "بارد"}},
      {"meta", {"Meta", "Meta AI", "LLaMA", "Llama", "Facebook", "Мета", "Фейсбук", "脸书", "ميتا"}},
      {"deepseek", {"DeepSeek", "Deep Seek", "深度求索", "ДипСик", "Дипсик", "ديب سيك", "ديبسيك"}},
      {"alibaba",
       {"Qwen", "Tongyi", "Alibaba", "通义千问", "通義千問", "通义", "千问", "阿里巴巴", "阿里云",
        "Квен", "Алибаба", "علي بابا"}},
      {"mistral", {"Mistral", "Mixtral", "Мистраль", "ميسترال"}},
      {"baidu", {"Baidu", "ERNIE", "文心一言", "文心", "百度", "Байду"}},
      {"xai", {"xAI", "Grok", "Грок", "غروك"}},
      {"microsoft", {"Microsoft", "Copilot", "微软", "Майкрософт", "مايكروسوفت"}},
      {"zhipu", {"Zhipu", "ChatGLM", "GLM", "智谱", "智谱清言"}},
      {"moonshot", {"Moonshot", "Kimi", "月之暗面"}},
      {"yandex", {"Yandex", "YandexGPT", "Яндекс", "ЯндексGPT"}},
      {"sber", {"GigaChat", "Sber", "ГигаЧат", "Сбер", "Сбербанк"}},
      {"cohere", {"Cohere", "Command R"}},
  };
  return table;
}

std::optional<IdentityClaim> ClassifyIdentityClaim(std::string_view answer) {
  const auto& lexicon = IdentityLexicon();
  const auto& terms = Terms();
  std::map<std::size_t, int> counts;           // vendor -> non-negated mentions
  std::map<std::size_t, std::size_t> first;    // vendor -> order of its first mention
  std::map<std::size_t, std::string> first_name;
  std::size_t order = 0;
  std::vector<std::string> tokens;
  for (std::string_view clause : SplitClauses(answer)) {
    TokenizeWords(clause, &tokens);
    // Segments between contrastive conjunctions.
    std::size_t begin = 0;
    while (begin < tokens.size()) {
      std::size_t end = begin;
      while (end < tokens.size() && !(end > begin && IsContrast(tokens[end]))) ++end;
      bool post_negated = false;
      for (std::size_t i = begin; i < end; ++i) post_negated |= IsPostNegation(tokens[i]);
      bool negated = false;
      for (std::size_t i = begin; i < end;) {
        if (IsNegation(tokens[i])) negated = true;
        const Term* hit = nullptr;
        for (const Term& term : terms) {
          if (i + term.tokens.size() > end) continue;
          if (std::equal(term.tokens.begin(), term.tokens.end(),
                         tokens.begin() + static_cast<std::ptrdiff_t>(i))) {
            hit = &term;
            break;
          }
        }
        if (hit == nullptr) {
          ++i;
          continue;
        }
        if (!negated && !post_negated) {
          ++counts[hit->vendor];
          if (first.emplace(hit->vendor, order).second) {
            std::string name = hit->tokens[0];
            for (std::size_t t = 1; t < hit->tokens.size(); ++t) name += " " + hit->tokens[t];
            first_name[hit->vendor] = name;
          }
        }
        ++order;
        i += hit->tokens.size();
      }
      begin = end;
    }
  }
  if (counts.empty()) return std::nullopt;
  std::size_t best = counts.begin()->first;
  for (const auto& [vendor, count] : counts) {
    const int best_count = counts[best];
    if (count > best_count || (count == best_count && first[vendor] < first[best])) best = vendor;
  }
  return IdentityClaim{lexicon[best].vendor, first_name[best]};
}

}  // namespace kinship
