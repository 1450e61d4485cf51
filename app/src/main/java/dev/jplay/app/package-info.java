package dev.jplay.app;
