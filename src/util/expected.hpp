#pragma once
// A small tl::expected-style result: a value or an error message. Only the top level
// turns an error into "qalint: error: ..." and an exit status.

#include <string>
#include <utility>
#include <variant>

namespace qalint::util {

struct Error {
    std::string message;
};

template <typename T>
class Expected {
public:
    Expected(T value) : m_value(std::move(value)) {}
    Expected(Error error) : m_value(std::move(error)) {}

    bool has_value() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return has_value(); }
    T& value() { return std::get<T>(m_value); }
    const T& value() const { return std::get<T>(m_value); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const std::string& error() const { return std::get<Error>(m_value).message; }

private:
    std::variant<T, Error> m_value;
};

}  // namespace qalint::util
