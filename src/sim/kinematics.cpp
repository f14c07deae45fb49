#include "sim/kinematics.hpp"

#include <algorithm>
#include <limits>

namespace dewline::sim {

BodyState ReplayTrack::at(double t) const {
  if (t <= knots.front().t_s) {
    BodyState s{knots.front().p, knots.front().v, true};
    return s;
  }
  if (t >= knots.back().t_s) {
    BodyState s{knots.back().p, knots.back().v, true};
    return s;
  }
  auto it = std::upper_bound(knots.begin(), knots.end(), t,
                             [](double v, const Knot& k) { return v < k.t_s; });
  const Knot& b = *it;
  const Knot& a = *(it - 1);
  const double h = b.t_s - a.t_s;
  return hermite(a.p, a.v, b.p, b.v, h, (t - a.t_s) / h);
}

double ReplayTrack::min_horizontal_distance_m() const {
  double best = std::numeric_limits<double>::infinity();
  for (const auto& k : knots) {
    best = std::min(best, k.p.head<2>().norm());
  }
  return best;
}

}  // namespace dewline::sim
