#include "track/association.hpp"

#include <gtest/gtest.h>

#include <random>

namespace dewline::track {
namespace {

// Brute force: the best total of ln rho over injective partial assignments (unassigned = 0).
double best_total(const Cluster& c, const std::vector<GatedPair>& pairs, std::size_t t,
                  std::vector<char>& used) {
  if (t == c.tracks.size()) {
    return 0.0;
  }
  double best = best_total(c, pairs, t + 1, used);
  for (std::uint32_t pi : c.pairs) {
    const GatedPair& p = pairs[pi];
    if (p.track != c.tracks[t] || used[p.det] != 0) {
      continue;
    }
    used[p.det] = 1;
    best = std::max(best, p.log_ratio + best_total(c, pairs, t + 1, used));
    used[p.det] = 0;
  }
  return best;
}

TEST(Association, GnnMatchesBruteForce) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-3.0, 6.0);
  GnnScratch scratch;
  std::vector<std::int32_t> chosen;
  Clusterer clusterer;
  for (std::uint32_t trial = 0; trial < 200; ++trial) {
    std::vector<GatedPair> pairs;
    const std::uint32_t nt = 1 + trial % 5;
    const std::uint32_t nd = 1 + (trial / 5) % 5;
    for (std::uint32_t t = 0; t < nt; ++t) {
      for (std::uint32_t d = 0; d < nd; ++d) {
        if (u(rng) > 0.0) {
          GatedPair p;
          p.track = t;
          p.det = d;
          p.log_ratio = u(rng);
          p.log_assoc = p.log_ratio;
          p.track_confirmed = true;  // all confirmed: one existence-weighted stage
          pairs.push_back(p);
        }
      }
    }
    std::vector<Cluster> clusters;
    clusterer.build(pairs, nt, nd, clusters);
    for (const Cluster& c : clusters) {
      solve_gnn(c, pairs, 2.0, scratch, chosen);
      double total = 0.0;
      std::vector<char> det_used(nd, 0);
      for (std::size_t t = 0; t < c.tracks.size(); ++t) {
        if (chosen[t] >= 0) {
          const GatedPair& p = pairs[static_cast<std::size_t>(chosen[t])];
          EXPECT_EQ(p.track, c.tracks[t]);
          EXPECT_EQ(det_used[p.det]++, 0) << "detection used twice";
          total += p.log_ratio;
        }
      }
      std::vector<char> used(nd, 0);
      EXPECT_NEAR(total, best_total(c, pairs, 0, used), 1e-9) << "trial " << trial;
    }
  }
}

TEST(Association, ClustersSplitIndependentGroups) {
  // Tracks 0,1 share detection 0; track 2 alone with detection 1.
  std::vector<GatedPair> pairs = {{0, 0, 1, 1, 0}, {1, 0, 1, 1, 0}, {2, 1, 1, 1, 0}};
  Clusterer clusterer;
  std::vector<Cluster> clusters;
  clusterer.build(pairs, 3, 2, clusters);
  ASSERT_EQ(clusters.size(), 2U);
  EXPECT_EQ(clusters[0].tracks, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(clusters[1].tracks, (std::vector<std::uint32_t>{2}));
}

// Random sparse gating graphs against a plain flood fill: same components, clusters in order of
// their smallest track, pairs in input order, tracks and detections distinct and ascending.
TEST(Association, ClustersAreTheConnectedComponentsInOrder) {
  std::mt19937_64 rng(11);
  Clusterer clusterer;  // reused: its tables must not leak from one build to the next
  for (int trial = 0; trial < 100; ++trial) {
    const std::uint32_t nt = 1 + static_cast<std::uint32_t>(rng() % 60);
    const std::uint32_t nd = 1 + static_cast<std::uint32_t>(rng() % 60);
    std::vector<GatedPair> pairs;
    const std::size_t np = rng() % (2 * static_cast<std::size_t>(nt + nd));
    for (std::size_t i = 0; i < np; ++i) {
      GatedPair p;
      p.track = static_cast<std::uint32_t>(rng() % nt);
      p.det = static_cast<std::uint32_t>(rng() % nd);
      pairs.push_back(p);
    }
    std::vector<Cluster> clusters;
    clusterer.build(pairs, nt, nd, clusters);
    // Reference: label nodes (tracks 0..nt-1, detections nt..) by flood fill from each track in
    // ascending order.
    std::vector<int> label(nt + nd, -1);
    int labels = 0;
    for (std::uint32_t t = 0; t < nt; ++t) {
      bool has_pair = false;
      for (const GatedPair& p : pairs) {
        has_pair = has_pair || p.track == t;
      }
      if (label[t] >= 0 || !has_pair) {
        continue;
      }
      label[t] = labels;
      for (bool grew = true; grew;) {
        grew = false;
        for (const GatedPair& p : pairs) {
          int& a = label[p.track];
          int& b = label[nt + p.det];
          if ((a == labels) != (b == labels)) {
            a = b = labels;
            grew = true;
          }
        }
      }
      ++labels;
    }
    ASSERT_EQ(clusters.size(), static_cast<std::size_t>(labels)) << "trial " << trial;
    for (std::size_t k = 0; k < clusters.size(); ++k) {
      std::vector<std::uint32_t> want_pairs;
      std::vector<std::uint32_t> want_tracks;
      std::vector<std::uint32_t> want_dets;
      for (std::uint32_t i = 0; i < pairs.size(); ++i) {
        if (label[pairs[i].track] == static_cast<int>(k)) {
          want_pairs.push_back(i);
        }
      }
      for (std::uint32_t t = 0; t < nt; ++t) {
        if (label[t] == static_cast<int>(k)) {
          want_tracks.push_back(t);
        }
      }
      for (std::uint32_t d = 0; d < nd; ++d) {
        if (label[nt + d] == static_cast<int>(k)) {
          want_dets.push_back(d);
        }
      }
      EXPECT_EQ(clusters[k].pairs, want_pairs) << "trial " << trial << " cluster " << k;
      EXPECT_EQ(clusters[k].tracks, want_tracks) << "trial " << trial << " cluster " << k;
      EXPECT_EQ(clusters[k].dets, want_dets) << "trial " << trial << " cluster " << k;
    }
  }
}

TEST(Association, JpdaWeightsAreProbabilities) {
  std::vector<GatedPair> pairs = {{0, 0, 2.0, 2.0, 0}, {0, 1, 1.0, 1.0, 0}, {1, 1, 3.0, 3.0, 0}};
  Clusterer clusterer;
  std::vector<Cluster> clusters;
  clusterer.build(pairs, 2, 2, clusters);
  ASSERT_EQ(clusters.size(), 1U);
  std::vector<double> w;
  std::vector<double> miss;
  ASSERT_TRUE(solve_jpda(clusters[0], pairs, 1000, w, miss));
  // Per track, its pair weights plus its miss weight sum to one.
  EXPECT_NEAR(w[0] + w[1] + miss[0], 1.0, 1e-12);
  EXPECT_NEAR(w[2] + miss[1], 1.0, 1e-12);
  // Hypotheses: {}, {0-0}, {0-1}, {1-1}, {0-0,1-1}: weights 1, e^2, e^1, e^3, e^5.
  const double z = 1 + std::exp(2.0) + std::exp(1.0) + std::exp(3.0) + std::exp(5.0);
  EXPECT_NEAR(w[0], (std::exp(2.0) + std::exp(5.0)) / z, 1e-12);
  EXPECT_NEAR(miss[1], (1 + std::exp(2.0) + std::exp(1.0)) / z, 1e-12);
}

TEST(Association, GnnSecondStageGivesTentativeTracksClearlyTheirFreePlots) {
  // Track 0 (confirmed) and track 1 (tentative, existence so low that rho < 1) compete for
  // plot 0; track 1 also fits plot 1 well given existence. Track 2 (confirmed) fits plot 2 with
  // the same weak existence-weighted ratio: stage 2 is for tentative tracks only.
  std::vector<GatedPair> pairs = {{0, 0, 3.0, 3.0, 0, true},
                                  {1, 0, -4.0, 5.0, 0, false},
                                  {1, 1, -3.0, 4.0, 0, false},
                                  {2, 2, -3.0, 4.0, 0, true}};
  Clusterer clusterer;
  std::vector<Cluster> clusters;
  clusterer.build(pairs, 3, 3, clusters);
  ASSERT_EQ(clusters.size(), 2U);
  GnnScratch scratch;
  std::vector<std::int32_t> chosen;
  solve_gnn(clusters[0], pairs, 2.0, scratch, chosen);
  EXPECT_EQ(chosen, (std::vector<std::int32_t>{0, 2}));  // plot 0 to the sure track, 1 to track 1
  solve_gnn(clusters[0], pairs, 4.5, scratch, chosen);
  EXPECT_EQ(chosen, (std::vector<std::int32_t>{0, -1}));  // below the floor: no plot
  // A lone pair: taken when rho given existence > 1, whatever the track's state.
  solve_gnn(clusters[1], pairs, 2.0, scratch, chosen);
  EXPECT_EQ(chosen, (std::vector<std::int32_t>{3}));
}

TEST(Association, JpdaRefusesHugeClusters) {
  std::vector<GatedPair> pairs;
  for (std::uint32_t t = 0; t < 8; ++t) {
    for (std::uint32_t d = 0; d < 8; ++d) {
      pairs.push_back({t, d, 1.0, 1.0, 0});
    }
  }
  Clusterer clusterer;
  std::vector<Cluster> clusters;
  clusterer.build(pairs, 8, 8, clusters);
  std::vector<double> w;
  std::vector<double> miss;
  EXPECT_FALSE(solve_jpda(clusters[0], pairs, 1000, w, miss));
}

}  // namespace
}  // namespace dewline::track
