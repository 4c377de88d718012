#pragma once

#include "error.h"

#include <utility>
#include <variant>

namespace kube {

/*!
 * Either a value or an Error, in the spirit of std::expected (C++23) and Qt Creator's
 * Utils::Result. Usage:
 * \code
 * kube::Result<Kubeconfig> cfg = Kubeconfig::load();
 * if (!cfg) { qWarning() << cfg.error().toString(); return; }
 * use(*cfg);
 * \endcode
 */
template<typename T> class [[nodiscard]] Result
{
public:
    Result(const T &value)
        : m_data(std::in_place_index<0>, value)
    { }
    Result(T &&value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(const Error &error)
        : m_data(std::in_place_index<1>, error)
    { }
    Result(Error &&error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool hasValue() const { return m_data.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T valueOr(T fallback) const { return hasValue() ? value() : std::move(fallback); }

    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T &&operator*() && { return std::move(*this).value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

//! Result of an operation that produces no value.
template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(const Error &error)
        : m_error(error)
        , m_ok(false)
    { }

    bool hasValue() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

using VoidResult = Result<void>;

} // namespace kube
