"""Starts the ChunkRT node next to ros2_control and the camera drivers.

    ros2 launch launch/policy.launch.py params_file:=launch/params/arm6_forward.yaml \
        policy_card:=/path/to/card.yaml namespace:=/ distro:=jazzy

Arguments
  params_file  ROS parameter YAML for the node (see launch/params/ and docs/ros2.md)
  policy_card  a policy card that replaces the params file's policy.card (empty: keep the file's)
  namespace    the node's namespace (relative topics and ~/enable, ~/estop resolve under it)
  distro       humble or jazzy: the ROS graph message layout (defaults to $ROS_DISTRO, else jazzy)
  node_name    the node's name (default chunkrt)
  chunkrt      the chunkrt executable (default: bin/chunkrt of this checkout)

launch_ros's Node appends `--ros-args -r __node:=... -r __ns:=... --params-file <tmp>` to
`chunkrt run --params <params_file>`; chunkrt parses those arguments as rcl does.
"""
import os

from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument, OpaqueFunction
from launch.substitutions import EnvironmentVariable, LaunchConfiguration
from launch_ros.actions import Node

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def _node(context, *args, **kwargs):
    params_file = LaunchConfiguration('params_file').perform(context)
    card = LaunchConfiguration('policy_card').perform(context)
    distro = LaunchConfiguration('distro').perform(context)
    overrides = {'ros.distro': distro}
    if card:
        overrides['policy.card'] = os.path.abspath(card)
    return [Node(
        executable=LaunchConfiguration('chunkrt'),
        name=LaunchConfiguration('node_name'),
        namespace=LaunchConfiguration('namespace'),
        arguments=['run', '--params', os.path.abspath(params_file)],
        parameters=[overrides],
        output='screen',
        emulate_tty=True,
        sigterm_timeout='5',
    )]


def generate_launch_description():
    return LaunchDescription([
        DeclareLaunchArgument('params_file', default_value=os.path.join(HERE, 'params', 'arm6_forward.yaml'),
                              description='ROS parameter YAML for the ChunkRT node'),
        DeclareLaunchArgument('policy_card', default_value='',
                              description='policy card replacing the params file policy.card (empty keeps it)'),
        DeclareLaunchArgument('namespace', default_value='', description='node namespace'),
        DeclareLaunchArgument('distro', default_value=EnvironmentVariable('ROS_DISTRO', default_value='jazzy'),
                              description='humble or jazzy (graph message layout)'),
        DeclareLaunchArgument('node_name', default_value='chunkrt', description='node name'),
        DeclareLaunchArgument('chunkrt', default_value=os.path.join(REPO, 'bin', 'chunkrt'),
                              description='the chunkrt executable'),
        OpaqueFunction(function=_node),
    ])
