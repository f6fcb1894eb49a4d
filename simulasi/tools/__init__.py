"""Facilitator tools: explore, simulate, graph, golden tests, new.

They sit on top of the pure core (`simulasi.scenario`, `simulasi.engine`, `scoring`) and never
import the UI: every run they make is a real engine `Run`, so what they report is what a trainee
would meet.
"""
