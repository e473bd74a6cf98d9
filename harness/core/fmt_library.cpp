// The compiled part of {fmt}, built into kinship instead of linked from libfmt.so.
//
// Debian ships {fmt} as headers plus a shared library and no static archive. Loading that
// library also loads the shared libstdc++, which the shipped programs otherwise link
// statically (cmake/StaticDependencies.cmake), so the library's few out-of-line functions
// are compiled here from its own implementation header. Everything else in {fmt} is
// templates and inline functions that each translation unit instantiates itself.
//
// The explicit instantiations are the out-of-line templates that our calls reach and that
// format-inl.h defines but does not instantiate; a missing one is a link error, never a
// silent fallback.
#include <fmt/format-inl.h>

namespace fmt {
inline namespace v9 {
namespace detail {

template locale_ref::locale_ref(const std::locale& loc);
template std::locale locale_ref::get<std::locale>() const;
template thousands_sep_result<char> thousands_sep_impl<char>(locale_ref);
template char decimal_point_impl<char>(locale_ref);

}  // namespace detail
}  // namespace v9
}  // namespace fmt
