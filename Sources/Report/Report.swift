// The Report module. See Package.swift for what it holds.
