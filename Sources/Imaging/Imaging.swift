// The Imaging module. See Package.swift for what it holds.
