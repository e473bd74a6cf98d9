// Log-odds ratio with an informative Dirichlet prior ("Fightin' Words", Monroe, Colaresi and
// Quinn 2008, eq. 22 and its variance): how much more often group i uses a phrase than group
// j, shrunk toward the background rate so rare phrases do not top the list by chance.
//
//   delta = log((y_i + a_w) / (n_i + a_0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
//   var   = 1 / (y_i + a_w) + 1 / (y_j + a_w),    z = delta / sqrt(var)
//
// y = the phrase's count in a group, n = the group's total count, a_w = the prior count of the
// phrase, a_0 = the prior's total. Pure; thread-safe.
#pragma once

namespace kinship {

struct LogOdds {
  double delta = 0;
  double variance = 0;
  double z = 0;
};

// REQUIRES: alpha_w > 0, alpha_0 >= alpha_w, n_i >= y_i >= 0, n_j >= y_j >= 0.
LogOdds InformativeLogOdds(double y_i, double n_i, double y_j, double n_j, double alpha_w,
                           double alpha_0);

}  // namespace kinship
