/**
 * Recorded data in and out: rosbag2 bags (sqlite3 and MCAP storage), MCAP files, LeRobot v3 datasets and
 * ACT/ALOHA HDF5 episodes. Readers stream; they yield raw payloads (CDR for ROS 2 bags) with topic, type and
 * timestamps and never decode ROS messages, which is the bridge's job.
 */
package io.chunkrt.replay;
