// The Model module. See Package.swift for what it holds.
