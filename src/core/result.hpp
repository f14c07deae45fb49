// result.hpp: Result<T, E>, a [[nodiscard]] value-or-error shaped like C++23 std::expected.
//
// g++ 12 / libstdc++ 12 have no std::expected, so dewline carries this small stand-in: decoders,
// config readers and file readers return a Result instead of throwing (STYLE.md section 4).
// Its member names follow std::expected (has_value, value, error, operator*, operator->), so a
// later move to std::expected is a rename.
//
//   Result<Record, DecodeError> r = decode(bytes);
//   if (!r) { count(r.error()); return; }
//   use(*r);
//
// DEWLINE_TRY(expr) evaluates a Result<void, E> or Result<T, E> and returns its error early.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace dewline {

// Unexpected<E>: wraps an error so that Result's constructor can tell it from a value.
template <class E>
struct Unexpected {
  E error;
};
template <class E>
Unexpected(E) -> Unexpected<E>;

template <class E>
[[nodiscard]] Unexpected<std::decay_t<E>> unexpected(E&& e) {
  return Unexpected<std::decay_t<E>>{std::forward<E>(e)};
}

template <class T, class E>
class [[nodiscard]] Result {
 public:
  using value_type = T;
  using error_type = E;

  Result()
    requires std::is_default_constructible_v<T>
      : v_(std::in_place_index<0>) {}
  Result(const T& v) : v_(std::in_place_index<0>, v) {}  // NOLINT(google-explicit-constructor)
  Result(T&& v) : v_(std::in_place_index<0>, std::move(v)) {}  // NOLINT(google-explicit-constructor)
  template <class G>
  Result(Unexpected<G> u)  // NOLINT(google-explicit-constructor)
      : v_(std::in_place_index<1>, E(std::move(u.error))) {}

  [[nodiscard]] bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(v_));
  }
  const E& error() const& {
    assert(!has_value());
    return std::get<1>(v_);
  }
  E& error() & {
    assert(!has_value());
    return std::get<1>(v_);
  }
  E&& error() && {
    assert(!has_value());
    return std::get<1>(std::move(v_));
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? std::get<0>(v_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, E> v_;
};

// Result<void, E>: success carries nothing.
template <class E>
class [[nodiscard]] Result<void, E> {
 public:
  using value_type = void;
  using error_type = E;

  Result() = default;
  template <class G>
  Result(Unexpected<G> u)  // NOLINT(google-explicit-constructor)
      : ok_(false), e_(std::move(u.error)) {}

  [[nodiscard]] bool has_value() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  void value() const { assert(ok_); }
  const E& error() const& {
    assert(!ok_);
    return e_;
  }
  E&& error() && {
    assert(!ok_);
    return std::move(e_);
  }

 private:
  bool ok_ = true;
  E e_{};
};

}  // namespace dewline

// DEWLINE_TRY(expr): if the Result `expr` holds an error, return that error from the enclosing
// function (whose return type must be a Result with a compatible error type).
#define DEWLINE_TRY(expr)                                          \
  do {                                                             \
    auto&& dewline_try_result_ = (expr);                           \
    if (!dewline_try_result_.has_value()) {                        \
      return ::dewline::unexpected(std::move(dewline_try_result_).error()); \
    }                                                              \
  } while (false)
