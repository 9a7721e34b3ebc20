// The IDX module. See Package.swift for what it holds.
